// Mapping of Status codes to HTTP statuses and the JSON error body.
#pragma once

#include <string_view>

#include "base/status.h"
#include "server/http_message.h"

namespace rc::server {

// The HTTP status for a code (STYLE.md's table): InvalidArgument 400, NotFound 404, ...
int HttpStatusFor(StatusCode code);

// `{"error":{"code":"NOT_FOUND","message":"..."}}`. Internal errors get a generic message (the
// details belong in the log, not on the wire).
HttpResponse ErrorResponse(const Status& status);

// An error response with an explicit HTTP status and wire code, for conditions that have no
// StatusCode (405 METHOD_NOT_ALLOWED, 431 HEADERS_TOO_LARGE, 408 REQUEST_TIMEOUT).
HttpResponse ErrorResponse(int http_status, std::string_view code, std::string_view message);

}  // namespace rc::server
