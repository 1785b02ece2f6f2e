// CancelSignal and the names of LlmErrorKind.
#include "llm/llm_client.h"

namespace rc::llm {

std::string_view LlmErrorKindName(LlmErrorKind kind) {
  switch (kind) {
    case LlmErrorKind::kNone:
      return "none";
    case LlmErrorKind::kTimeout:
      return "timeout";
    case LlmErrorKind::kRateLimited:
      return "rate_limited";
    case LlmErrorKind::kQuotaExhausted:
      return "quota_exhausted";
    case LlmErrorKind::kAuthFailed:
      return "auth_failed";
    case LlmErrorKind::kUpstreamError:
      return "upstream_error";
    case LlmErrorKind::kUnreachable:
      return "unreachable";
    case LlmErrorKind::kBadResponse:
      return "bad_response";
    case LlmErrorKind::kTruncated:
      return "truncated";
    case LlmErrorKind::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

void CancelSignal::Cancel() {
  std::function<void()> handler;
  {
    std::lock_guard lock(mu_);
    if (cancelled_.load(std::memory_order_relaxed)) return;
    cancelled_.store(true, std::memory_order_release);
    handler = std::move(handler_);
    handler_ = nullptr;
  }
  if (handler) handler();
}

bool CancelSignal::cancelled() const { return cancelled_.load(std::memory_order_acquire); }

void CancelSignal::OnCancel(std::function<void()> handler) {
  {
    std::lock_guard lock(mu_);
    if (!cancelled_.load(std::memory_order_relaxed)) {
      handler_ = std::move(handler);
      return;
    }
  }
  if (handler) handler();
}

void CancelSignal::ClearHandler() {
  std::lock_guard lock(mu_);
  handler_ = nullptr;
}

}  // namespace rc::llm
