// JSON answers from a service AnswerStream: the non-streamed form of POST /analyze and
// POST /chat, served without holding a worker thread while the model writes.
#pragma once

#include <memory>
#include <string_view>

#include "server/body_stream.h"
#include "server/http_message.h"
#include "server/sse_stream.h"
#include "service/answer_stream.h"

namespace rc::server {

// The JSON form's response to a finished answer. On success 200 with the endpoint's body
// (analysis: AnalyzeResponseBody with `report_json`; chat: {"answer","mode","notice"}); on
// error the ErrorResponse of `end.status` (Retry-After included for 429 and 503). The blocking
// handlers answer through this too, so both forms give the same bytes for the same outcome.
HttpResponse JsonAnswerResponse(SseKind kind, const service::StreamEnd& end,
                                std::string_view report_json);

// Adapts `answer` to a BodyStream for a buffered response: tokens are dropped (the sink says it
// shows none, so the service treats a failure after some tokens as one before any, as the
// blocking form does); on Finish the writer gets the status, headers and body of
// JsonAnswerResponse, then Close(). A stream stopped for shutdown answers 503 "restarting".
std::shared_ptr<BodyStream> MakeJsonStream(std::shared_ptr<service::AnswerStream> answer,
                                           SseKind kind);

// The response head for such a stream: buffered, JSON content type, closes the connection.
HttpResponse JsonStreamResponse(std::shared_ptr<BodyStream> stream);

}  // namespace rc::server
