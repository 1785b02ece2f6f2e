// Request parsing and response encoding for the JSON API.
#include "server/json_codec.h"

#include "base/utf8.h"

namespace rc::server {
namespace {

using nlohmann::json;

// U+FDD0, a Unicode noncharacter: stands in for invalid bytes so the parse can still find out
// which field held them.
constexpr std::string_view kMarker = "\xEF\xB7\x90";

Result<json> ParseWithDepthLimit(std::string_view body) {
  bool too_deep = false;
  json::parser_callback_t callback = [&too_deep](int depth, json::parse_event_t event, json&) {
    if (event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) {
      if (depth >= kMaxJsonDepth) too_deep = true;
    }
    return true;
  };
  json value = json::parse(body, callback, /*allow_exceptions=*/false);
  if (too_deep) {
    return InvalidArgumentError("request body is nested deeper than " +
                                std::to_string(kMaxJsonDepth) + " levels");
  }
  if (value.is_discarded()) return InvalidArgumentError("request body is not valid JSON");
  return value;
}

// Name of the first top-level string field whose value contains the marker.
std::string FieldWithMarker(const json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.value().is_string() &&
        it.value().get_ref<const std::string&>().find(kMarker) != std::string::npos) {
      return it.key();
    }
  }
  return "";
}

}  // namespace

Result<json> ParseJsonObject(std::string_view body) {
  if (body.empty()) return InvalidArgumentError("request body is empty; expected a JSON object");
  if (FindInvalidUtf8(body)) {
    // Replace each invalid byte and parse again to name the field that held it.
    std::string repaired;
    repaired.reserve(body.size() + 16);
    std::string_view rest = body;
    while (auto bad = FindInvalidUtf8(rest)) {
      repaired.append(rest.substr(0, *bad));
      repaired.append(kMarker);
      rest.remove_prefix(*bad + 1);
    }
    repaired.append(rest);
    Result<json> parsed = ParseWithDepthLimit(repaired);
    if (parsed.ok() && parsed->is_object()) {
      const std::string field = FieldWithMarker(*parsed);
      if (!field.empty()) return InvalidArgumentError(field + " is not valid UTF-8");
    }
    return InvalidArgumentError("request body is not valid UTF-8");
  }
  RC_ASSIGN_OR_RETURN(json value, ParseWithDepthLimit(body));
  if (!value.is_object()) return InvalidArgumentError("request body must be a JSON object");
  return value;
}

Result<std::string> RequireString(const json& object, std::string_view field) {
  const std::string name(field);
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return InvalidArgumentError(name + " is required");
  if (!it->is_string()) return InvalidArgumentError(name + " must be a string");
  return it->get<std::string>();
}

std::string DumpJson(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string AnalyzeResponseBody(std::string_view markdown, std::string_view session_id,
                                std::string_view report_json, std::string_view mode,
                                std::string_view notice) {
  std::string out = "{\"analysis\":";
  out += DumpJson(json(std::string(markdown)));
  out += ",\"sessionId\":";
  out += DumpJson(json(std::string(session_id)));
  out += ",\"mode\":";
  out += DumpJson(json(std::string(mode)));
  out += ",\"notice\":";
  out += DumpJson(json(std::string(notice)));
  out += ",\"report\":";
  out += report_json.empty() ? std::string_view("null") : report_json;
  out += '}';
  return out;
}

std::string SessionResponseBody(const model::Session& s, std::int64_t expires_at_ms) {
  json chat = json::array();
  for (const model::ChatTurn& t : s.chat) {
    chat.push_back({{"role", t.role},
                    {"content", t.content},
                    {"mode", t.mode},
                    {"complete", t.complete},
                    {"created_at_ms", t.created_at_ms}});
  }
  json head = {{"sessionId", s.id},
               {"resume", s.resume},
               {"job_description", s.job_description},
               {"analysis", s.analysis_markdown},
               {"analysis_mode", s.analysis_mode},
               {"analysis_notice", s.analysis_notice},
               {"chat", std::move(chat)},
               {"created_at_ms", s.created_at_ms},
               {"updated_at_ms", s.updated_at_ms},
               {"expires_at_ms", expires_at_ms}};
  // The stored report is already JSON text: splice it in rather than parse and re-encode it.
  std::string out = DumpJson(head);
  out.pop_back();  // the closing brace
  out += ",\"report\":";
  out += s.report_json.empty() ? std::string("null") : s.report_json;
  out += '}';
  return out;
}

std::string ItemsResponseBody(const std::vector<model::Example>& examples) {
  json items = json::array();
  for (const model::Example& e : examples) {
    items.push_back({{"id", e.id}, {"name", e.name}, {"kind", e.kind}});
  }
  return DumpJson(items);
}

std::string ItemResponseBody(const model::Example& e) {
  return DumpJson({{"id", e.id}, {"name", e.name}, {"kind", e.kind}, {"content", e.content}});
}

std::string DocumentResponseBody(const ingest::Document& document) {
  nlohmann::json warnings = nlohmann::json::array();
  for (const ingest::Warning& w : document.warnings) {
    warnings.push_back({{"kind", w.kind},
                        {"message", w.message},
                        {"excerpt", w.excerpt},
                        {"location", w.location}});
  }
  return DumpJson({{"text", document.text},
                   {"format", ingest::FormatName(document.format)},
                   {"pages", document.pages},
                   {"warnings", std::move(warnings)}});
}

}  // namespace rc::server
