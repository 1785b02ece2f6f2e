// JSON encoding of the engine's report and the stored session, shared by the server (wire),
// the service (persisted report) and the CLI (`analyze --format json`).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/report.h"
#include "model/session.h"

namespace rc::codec {

// The report as JSON: keys are the model's field names (snake_case), enums their lower-case wire
// names, empty optionals null, spans {"begin","end"}. Keys are sorted, so the encoding of a
// given report is byte-for-byte stable.
nlohmann::json ReportToJsonValue(const model::Report& report);

// ReportToJsonValue(report) serialized; `indent` < 0 gives the compact form.
std::string ReportToJson(const model::Report& report, int indent = -1);

// A chat turn: {"role","content","mode","complete","created_at_ms"}.
nlohmann::json ChatTurnToJsonValue(const model::ChatTurn& turn);

}  // namespace rc::codec
