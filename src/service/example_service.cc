// ExampleService.
#include "service/example_service.h"

#include "service/validation.h"

namespace rc::service {

bool IsValidExampleId(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Result<std::vector<model::Example>> ExampleService::List() { return store_.ListExamples(); }

Result<model::Example> ExampleService::Get(std::string_view id) {
  if (!IsValidExampleId(id)) return NotFoundError("example not found");
  return store_.GetExample(id);
}

Status ExampleService::Put(const model::Example& example) {
  if (!IsValidExampleId(example.id)) {
    return InvalidArgumentError("id must be 1-64 characters of a-z, 0-9 and '-'");
  }
  RC_RETURN_IF_ERROR(ValidateText("name", example.name, 200));
  if (example.kind != "resume" && example.kind != "job") {
    return InvalidArgumentError("kind must be \"resume\" or \"job\"");
  }
  RC_RETURN_IF_ERROR(ValidateText("content", example.content, limits_.max_example_chars));
  return store_.PutExample(example);
}

Status ExampleService::Remove(std::string_view id) {
  if (!IsValidExampleId(id)) return NotFoundError("example not found");
  return store_.RemoveExample(id);
}

Result<int> ExampleService::SeedDefaults(const std::vector<model::Example>& defaults) {
  RC_ASSIGN_OR_RETURN(std::vector<model::Example> existing, store_.ListExamples());
  if (!existing.empty()) return 0;
  int written = 0;
  for (const model::Example& example : defaults) {
    RC_RETURN_IF_ERROR(Put(example));
    ++written;
  }
  return written;
}

}  // namespace rc::service
