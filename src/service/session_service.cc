// SessionService.
#include "service/session_service.h"

#include "service/session_id.h"

namespace rc::service {

Result<model::Session> SessionService::Get(std::string_view id) {
  if (!LooksLikeSessionId(id)) return NotFoundError("session not found");
  return store_.GetSession(id);
}

Status SessionService::Delete(std::string_view id) {
  if (!LooksLikeSessionId(id)) return NotFoundError("session not found");
  return store_.DeleteSession(id);
}

}  // namespace rc::service
