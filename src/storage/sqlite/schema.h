// The SQLite schema as numbered migrations, and the code that applies them at open.
#pragma once

#include <span>

#include "base/status.h"
#include "storage/sqlite/sqlite_db.h"

namespace rc::storage::sqlite {

// Migration N (1-based) is kMigrations()[N - 1]. Append new migrations; never edit old ones.
std::span<const char* const> Migrations();

// Brings the database to the latest version inside one BEGIN IMMEDIATE transaction, so two
// processes opening the same file at once apply each migration exactly once. Idempotent.
Status Migrate(Connection& conn);

// The highest applied migration, 0 for a fresh file.
Result<int> CurrentVersion(Connection& conn);

}  // namespace rc::storage::sqlite
