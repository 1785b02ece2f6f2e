// Routing of API requests to the services, and the response decoration every reply gets.
#include "server/router.h"

#include <exception>
#include <utility>

#include "server/http_error.h"
#include "server/json_codec.h"
#include "server/json_stream.h"
#include "server/sse_stream.h"
#include "service/session_id.h"

namespace rc::server {
namespace {

constexpr std::string_view kSessionHeader = "x-session-id";

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse res;
  res.status = status;
  res.headers.Set("content-type", "application/json; charset=utf-8");
  res.body = std::move(body);
  return res;
}

HttpResponse MethodNotAllowed(std::string_view method, std::string_view allow) {
  HttpResponse res = ErrorResponse(
      405, "METHOD_NOT_ALLOWED",
      "method " + std::string(method) + " is not allowed here; use " + std::string(allow));
  res.headers.Set("allow", allow);
  return res;
}

// True when the Content-Type is application/json (parameters such as charset allowed).
bool IsJsonContentType(std::string_view value) {
  const std::size_t semi = value.find(';');
  std::string_view type = value.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type.size() != 16) return false;
  constexpr std::string_view kJson = "application/json";
  for (std::size_t i = 0; i < type.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i]) return false;
  }
  return true;
}

// The methods an API path accepts, or "" when the path is not an API path.
std::string_view AllowedMethods(std::string_view path) {
  if (path == "/analyze" || path == "/chat" || path == "/documents") return "POST";
  if (path == "/items" || path == "/health") return "GET, HEAD";
  if (path.starts_with("/items/")) return "GET, HEAD";
  if (path == "/session") return "GET, DELETE";
  return "";
}

bool AcceptsHtml(std::string_view accept) {
  return accept.find("text/html") != std::string_view::npos;
}

}  // namespace

Router::Router(Services services, const StaticFiles& static_files, RouterOptions options)
    : services_(services), static_files_(static_files), options_(std::move(options)) {
  std::erase_if(options_.cors_origins,
                [](const std::string& o) { return o.empty() || o == "*" || o == "null"; });
}

HttpResponse Router::Handle(const HttpRequest& request) const {
  HttpResponse res;
  try {
    res = Dispatch(request);
  } catch (const std::exception&) {
    res = ErrorResponse(InternalError("unexpected exception"));
  } catch (...) {
    res = ErrorResponse(InternalError("unexpected exception"));
  }
  Decorate(request, res);
  return res;
}

void Router::Decorate(const HttpRequest& request, HttpResponse& res) const {
  res.headers.Set("content-security-policy", kContentSecurityPolicy);
  res.headers.Set("x-content-type-options", "nosniff");
  res.headers.Set("referrer-policy", "no-referrer");
  res.headers.Set("x-frame-options", "DENY");
  res.headers.Set("cross-origin-opener-policy", "same-origin");
  if (!res.headers.Has("cache-control")) res.headers.Set("cache-control", "no-store");
  const std::string_view origin = request.headers.Get("origin");
  if (!origin.empty() && OriginAllowed(origin)) {
    res.headers.Set("access-control-allow-origin", origin);
    res.headers.Set("vary", "Origin");
  }
}

bool Router::OriginAllowed(std::string_view origin) const {
  for (const std::string& allowed : options_.cors_origins) {
    if (allowed == origin) return true;
  }
  return false;
}

HttpResponse Router::Dispatch(const HttpRequest& request) const {
  const std::string_view path = request.Path();
  const std::string_view method = request.method;
  const std::string_view allow = AllowedMethods(path);
  if (allow.empty()) {
    if (method == "GET" || method == "HEAD") return StaticOrFallback(request);
    if (method == "OPTIONS") return Preflight(request, "GET, HEAD");
    return ErrorResponse(NotFoundError("no such endpoint"));
  }
  if (method == "OPTIONS") return Preflight(request, allow);
  const bool head_as_get = method == "HEAD" && allow.find("HEAD") != std::string_view::npos;
  const std::string_view effective = head_as_get ? std::string_view("GET") : method;

  if (path == "/analyze") {
    if (effective != "POST") return MethodNotAllowed(method, allow);
    return Analyze(request);
  }
  if (path == "/chat") {
    if (effective != "POST") return MethodNotAllowed(method, allow);
    return Chat(request);
  }
  if (path == "/documents") {
    if (effective != "POST") return MethodNotAllowed(method, allow);
    return Documents(request);
  }
  if (path == "/items") {
    if (effective != "GET") return MethodNotAllowed(method, allow);
    return Items();
  }
  if (path.starts_with("/items/")) {
    if (effective != "GET") return MethodNotAllowed(method, allow);
    return Item(path.substr(7));
  }
  if (path == "/session") {
    if (effective == "GET") return GetSession(request);
    if (effective == "DELETE") return DeleteSession(request);
    return MethodNotAllowed(method, allow);
  }
  if (effective != "GET") return MethodNotAllowed(method, allow);
  return HealthCheck();
}

HttpResponse Router::Preflight(const HttpRequest& request, std::string_view allow) const {
  HttpResponse res;
  res.status = 204;
  res.headers.Set("allow", allow);
  const std::string_view origin = request.headers.Get("origin");
  if (!origin.empty() && OriginAllowed(origin)) {
    res.headers.Set("access-control-allow-methods", allow);
    res.headers.Set("access-control-allow-headers", "Content-Type, X-Session-Id, X-Filename");
    res.headers.Set("access-control-max-age", "600");
  }
  return res;
}

HttpResponse Router::Analyze(const HttpRequest& request) const {
  if (!IsJsonContentType(request.headers.Get("content-type"))) {
    return ErrorResponse(UnsupportedMediaTypeError("content-type must be application/json"));
  }
  Result<nlohmann::json> body = ParseJsonObject(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  Result<std::string> resume = RequireString(*body, "resume");
  if (!resume.ok()) return ErrorResponse(resume.status());
  Result<std::string> jd = RequireString(*body, "job_description");
  if (!jd.ok()) return ErrorResponse(jd.status());
  const bool event_stream = WantsEventStream(request.headers.Get("accept"));
  // In LLM mode the JSON form is the stream buffered: no worker waits for the model.
  if (event_stream || services_.analysis->Mode() == "llm") {
    Result<std::shared_ptr<service::AnswerStream>> stream =
        services_.analysis->AnalyzeStream(*resume, *jd, request.client_ip);
    if (!stream.ok()) return ErrorResponse(stream.status());
    return event_stream
               ? SseResponse(MakeSseStream(std::move(*stream), SseKind::kAnalysis))
               : JsonStreamResponse(MakeJsonStream(std::move(*stream), SseKind::kAnalysis));
  }
  Result<service::AnalyzeResult> result =
      services_.analysis->Analyze(*resume, *jd, request.client_ip);
  if (!result.ok()) return ErrorResponse(result.status());
  service::StreamEnd end;
  end.markdown = std::move(result->markdown);
  end.mode = std::move(result->mode);
  end.notice = std::move(result->notice);
  end.session_id = std::move(result->session_id);
  HttpResponse res = JsonAnswerResponse(SseKind::kAnalysis, end, result->report_json);
  res.log_session_prefix = std::string(service::SessionIdPrefix(end.session_id));
  return res;
}

HttpResponse Router::Chat(const HttpRequest& request) const {
  if (!IsJsonContentType(request.headers.Get("content-type"))) {
    return ErrorResponse(UnsupportedMediaTypeError("content-type must be application/json"));
  }
  Result<nlohmann::json> body = ParseJsonObject(request.body);
  if (!body.ok()) return ErrorResponse(body.status());
  Result<std::string> question = RequireString(*body, "question");
  if (!question.ok()) return ErrorResponse(question.status());
  Result<std::string> session_id = RequireString(*body, "sessionId");
  if (!session_id.ok()) return ErrorResponse(session_id.status());
  const std::string sid_prefix(service::SessionIdPrefix(*session_id));
  const bool event_stream = WantsEventStream(request.headers.Get("accept"));
  // In LLM mode the JSON form is the stream buffered: no worker waits for the model.
  if (event_stream || services_.chat->Mode() == "llm") {
    Result<std::shared_ptr<service::AnswerStream>> stream =
        services_.chat->AskStream(*session_id, *question, request.client_ip);
    HttpResponse res = !stream.ok() ? ErrorResponse(stream.status())
                       : event_stream
                           ? SseResponse(MakeSseStream(std::move(*stream), SseKind::kChat))
                           : JsonStreamResponse(MakeJsonStream(std::move(*stream), SseKind::kChat));
    res.log_session_prefix = sid_prefix;
    return res;
  }
  Result<service::AskResult> result =
      services_.chat->Ask(*session_id, *question, request.client_ip);
  if (!result.ok()) return ErrorResponse(result.status());
  service::StreamEnd end;
  end.markdown = std::move(result->answer);
  end.mode = std::move(result->mode);
  end.notice = std::move(result->notice);
  HttpResponse res = JsonAnswerResponse(SseKind::kChat, end, "");
  res.log_session_prefix = sid_prefix;
  return res;
}

HttpResponse Router::Documents(const HttpRequest& request) const {
  if (services_.documents == nullptr) return ErrorResponse(NotFoundError("no such endpoint"));
  Result<ingest::Document> doc = services_.documents->Extract(
      request.body, request.headers.Get("content-type"), request.headers.Get("x-filename"));
  if (!doc.ok()) return ErrorResponse(doc.status());
  return JsonResponse(200, DocumentResponseBody(*doc));
}

HttpResponse Router::Items() const {
  Result<std::vector<model::Example>> examples = services_.examples->List();
  if (!examples.ok()) return ErrorResponse(examples.status());
  return JsonResponse(200, ItemsResponseBody(*examples));
}

HttpResponse Router::Item(std::string_view id) const {
  Result<model::Example> example = services_.examples->Get(id);
  if (!example.ok()) return ErrorResponse(example.status());
  return JsonResponse(200, ItemResponseBody(*example));
}

HttpResponse Router::GetSession(const HttpRequest& request) const {
  const std::string_view id = request.headers.Get(kSessionHeader);
  if (id.empty()) return ErrorResponse(InvalidArgumentError("X-Session-Id header is required"));
  Result<model::Session> session = services_.sessions->Get(id);
  if (!session.ok()) return ErrorResponse(session.status());
  HttpResponse res = JsonResponse(
      200, SessionResponseBody(*session, services_.sessions->ExpiresAt(session->updated_at_ms)));
  res.log_session_prefix = std::string(service::SessionIdPrefix(id));
  return res;
}

HttpResponse Router::DeleteSession(const HttpRequest& request) const {
  const std::string_view id = request.headers.Get(kSessionHeader);
  if (id.empty()) return ErrorResponse(InvalidArgumentError("X-Session-Id header is required"));
  Status deleted = services_.sessions->Delete(id);
  if (!deleted.ok()) return ErrorResponse(deleted);
  HttpResponse res;
  res.status = 204;
  res.log_session_prefix = std::string(service::SessionIdPrefix(id));
  return res;
}

HttpResponse Router::HealthCheck() const {
  const service::Health health = services_.health->Check();
  nlohmann::json body = {{"status", health.ok ? "ok" : "unavailable"},
                         {"storage", health.storage},
                         {"llm", health.llm},
                         {"model", health.model},
                         {"version", options_.version}};
  return JsonResponse(health.ok ? 200 : 503, DumpJson(body));
}

HttpResponse Router::StaticOrFallback(const HttpRequest& request) const {
  const std::string_view path = request.Path();
  if (std::optional<HttpResponse> file = static_files_.Serve(path)) return std::move(*file);
  // SPA fallback: client-side routes load the app; asset-like misses stay 404.
  if (!path.starts_with("/assets/") && AcceptsHtml(request.headers.Get("accept"))) {
    if (std::optional<HttpResponse> index = static_files_.Index()) return std::move(*index);
  }
  return ErrorResponse(NotFoundError("no such endpoint"));
}

}  // namespace rc::server
