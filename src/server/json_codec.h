// JSON on the wire: parsing request bodies without exceptions, and the response shapes of
// docs/api.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/ingest.h"
#include "model/session.h"

namespace rc::server {

// Deepest nesting accepted in a request body.
inline constexpr int kMaxJsonDepth = 32;

// Parses a request body that must be a JSON object. InvalidArgument with a message naming the
// problem: "request body is not valid JSON", "request body must be a JSON object", "request
// body is nested deeper than 32 levels", or "<field> is not valid UTF-8" when a string value
// holds invalid UTF-8 (the field is named when it can be found). Never throws.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

// The string value of `field`; InvalidArgument "<field> is required" when absent or null,
// "<field> must be a string" when of another type.
Result<std::string> RequireString(const nlohmann::json& object, std::string_view field);

// Serializes `value` compactly; invalid UTF-8 is replaced rather than thrown about.
std::string DumpJson(const nlohmann::json& value);

// {"analysis": markdown, "sessionId": id, "mode": mode, "notice": notice,
//  "report": <report_json verbatim>}.
std::string AnalyzeResponseBody(std::string_view markdown, std::string_view session_id,
                                std::string_view report_json, std::string_view mode = "builtin",
                                std::string_view notice = "");

// GET /session: the session's inputs, report, analysis, which coach wrote it (analysis_mode) and
// why, when it is not the one asked for (analysis_notice, "" otherwise), chat and timestamps
// (docs/api.md).
std::string SessionResponseBody(const model::Session& session, std::int64_t expires_at_ms);

// GET /items: [{"id","name","kind"}].
std::string ItemsResponseBody(const std::vector<model::Example>& examples);

// GET /items/{id}: {"id","name","kind","content"}.
std::string ItemResponseBody(const model::Example& example);

// POST /documents: {"text","format","pages","warnings":[{"kind","message","excerpt","location"}]}.
// The hidden text stays out: the warnings carry the excerpts a user needs to see.
std::string DocumentResponseBody(const ingest::Document& document);

}  // namespace rc::server
