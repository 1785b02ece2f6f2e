// Factories: the one place that names concrete backends (clock, store, engine, coach).
#pragma once

#include <memory>

#include "app/config.h"
#include "base/clock.h"
#include "base/status.h"
#include "engine/taxonomy/taxonomy.h"
#include "service/analyst.h"
#include "service/chat_responder.h"
#include "storage/store.h"

namespace rc::app {

// The system clock, or the FileClock test hook when config.test_clock_file is set.
std::unique_ptr<Clock> MakeClock(const ServeConfig& config);

// SQLite at config.database (or <data_dir>/resume-coach.db, creating the directory), or
// PostgreSQL for a postgresql:// URL. FailedPrecondition when the directory cannot be created
// or the backend is not available in this build; the backend's error otherwise.
Result<std::unique_ptr<storage::Store>> OpenStore(const ServeConfig& config, const Clock& clock);

// The analysis engine and the chat coach, sharing the built-in taxonomy (loaded once).
struct Engine {
  std::shared_ptr<const engine::Taxonomy> taxonomy;
  std::unique_ptr<service::Analyst> analyst;
  std::unique_ptr<service::ChatResponder> responder;
};
// Internal when the embedded taxonomy fails to load (a build problem). `clock` (which must
// outlive the engine) gives the month that "Present" stands for in resumes.
Result<Engine> MakeEngine(const Clock& clock);

}  // namespace rc::app
