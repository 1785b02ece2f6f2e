// Construction of the concrete backends.
#include "app/factories.h"

#include <filesystem>
#include <system_error>

#include "app/file_clock.h"
#include "engine/taxonomy/taxonomy.h"
#include "service/builtin_analyst.h"
#include "service/builtin_responder.h"
#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace rc::app {

std::unique_ptr<Clock> MakeClock(const ServeConfig& config) {
  if (!config.test_clock_file.empty()) return std::make_unique<FileClock>(config.test_clock_file);
  return std::make_unique<SystemClock>();
}

Result<std::unique_ptr<storage::Store>> OpenStore(const ServeConfig& config, const Clock& clock) {
  const std::int64_t ttl = config.session_ttl.count();
  if (config.database.starts_with("postgresql://") || config.database.starts_with("postgres://")) {
    // PostgreSQL decides expiry with the database server's clock (see storage/store.h).
    return storage::OpenPostgresStore(config.database, ttl);
  }
  std::string path = config.database;
  if (path.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) {
      return FailedPreconditionError("cannot create the data directory " + config.data_dir + ": " +
                                     ec.message());
    }
    path = (std::filesystem::path(config.data_dir) / "resume-coach.db").string();
  }
  RC_ASSIGN_OR_RETURN(std::unique_ptr<storage::SqliteStore> store,
                      storage::SqliteStore::Open(path, clock, ttl));
  return std::unique_ptr<storage::Store>(std::move(store));
}

Result<Engine> MakeEngine(const Clock& clock) {
  Result<std::shared_ptr<const engine::Taxonomy>> taxonomy = engine::LoadBuiltinTaxonomy();
  if (!taxonomy.ok()) {
    return InternalError("the built-in taxonomy does not load: " + taxonomy.status().message());
  }
  Engine e;
  e.taxonomy = *taxonomy;
  e.analyst = std::make_unique<service::BuiltinAnalyst>(*taxonomy, &clock);
  e.responder = std::make_unique<service::BuiltinResponder>(*taxonomy);
  return e;
}

}  // namespace rc::app
