// JSON encoding of the engine's report and the stored session, shared by the server (wire),
// the service (persisted report) and the CLI (`analyze --format json`); decoding of the report.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/report.h"
#include "model/session.h"

namespace rc::codec {

// The report as JSON: keys are the model's field names (snake_case), enums their lower-case wire
// names, empty optionals null, spans {"begin","end"}. Keys are sorted, so the encoding of a
// given report is byte-for-byte stable.
nlohmann::json ReportToJsonValue(const model::Report& report);

// ReportToJsonValue(report) serialized; `indent` < 0 gives the compact form.
std::string ReportToJson(const model::Report& report, int indent = -1);

// The inverse of ReportToJson: ReportToJson(*ReportFromJson(ReportToJson(r))) == ReportToJson(r)
// byte for byte. Every key the encoder writes must be present with the encoder's type: an empty
// optional as null, an integer field as a number without a fraction or exponent, an enum as one
// of its wire names. Keys the encoder does not write are ignored, so a newer encoding still
// decodes. Anything else is InvalidArgument naming the first offending place as a path, e.g.
// "report.job.requirements[2].importance: unknown value \"sometimes\"", or "report is not valid
// JSON (at byte 17)". Never throws. Thread-safe (no shared state).
Result<model::Report> ReportFromJson(std::string_view json);

// The same from an already parsed value.
Result<model::Report> ReportFromJsonValue(const nlohmann::json& value);

// A chat turn: {"role","content","mode","complete","created_at_ms"}.
nlohmann::json ChatTurnToJsonValue(const model::ChatTurn& turn);

}  // namespace rc::codec
