// Router: the API as a plain request -> response function, separate from the socket loop.
#pragma once

#include <string>
#include <vector>

#include "server/http_message.h"
#include "server/static_files.h"
#include "service/analysis_service.h"
#include "service/chat_service.h"
#include "service/document_service.h"
#include "service/example_service.h"
#include "service/health_service.h"
#include "service/session_service.h"

namespace rc::server {

// The use cases the API exposes; borrowed, must outlive the router.
struct Services {
  service::AnalysisService* analysis = nullptr;
  service::ChatService* chat = nullptr;
  service::SessionService* sessions = nullptr;
  service::ExampleService* examples = nullptr;
  service::HealthService* health = nullptr;
  service::DocumentService* documents = nullptr;  // POST /documents answers 404 when null
};

struct RouterOptions {
  // Origins allowed to call the API from another origin (exact match, e.g.
  // "http://localhost:5173"). Empty: same origin only. "*" and "null" are never accepted.
  std::vector<std::string> cors_origins;
  std::string version = "0.1.0";
};

// Maps requests to the services (docs/api.md) and static files, and decorates every response,
// errors included, with the security headers. Handle() blocks on the services: call it from a
// worker thread. Thread-safe: immutable after construction.
class Router {
 public:
  Router(Services services, const StaticFiles& static_files, RouterOptions options);

  // The complete response to `request`, security headers included. Never throws.
  HttpResponse Handle(const HttpRequest& request) const;

  // Adds the security headers (CSP, nosniff, no-referrer, frame denial), the default
  // Cache-Control for API responses and, for an allowed Origin, the CORS headers. Used by
  // Handle() and by the connection loop for the errors it produces itself (413, 431, 503).
  void Decorate(const HttpRequest& request, HttpResponse& response) const;

 private:
  HttpResponse Dispatch(const HttpRequest& request) const;
  HttpResponse Analyze(const HttpRequest& request) const;
  HttpResponse Chat(const HttpRequest& request) const;
  HttpResponse Documents(const HttpRequest& request) const;
  HttpResponse Items() const;
  HttpResponse Item(std::string_view id) const;
  HttpResponse GetSession(const HttpRequest& request) const;
  HttpResponse DeleteSession(const HttpRequest& request) const;
  HttpResponse HealthCheck() const;
  HttpResponse Preflight(const HttpRequest& request, std::string_view allow) const;
  HttpResponse StaticOrFallback(const HttpRequest& request) const;
  bool OriginAllowed(std::string_view origin) const;

  Services services_;
  const StaticFiles& static_files_;
  RouterOptions options_;
};

// The Content-Security-Policy sent with every response.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'";

}  // namespace rc::server
