// DocumentService.
#include "service/document_service.h"

#include <algorithm>

namespace rc::service {

Result<ingest::Document> DocumentService::Extract(std::string_view bytes,
                                                  std::string_view content_type,
                                                  std::string_view filename) const {
  if (bytes.empty()) return InvalidArgumentError("the uploaded file is empty");
  RC_ASSIGN_OR_RETURN(ingest::Document doc,
                      ingest::Extract(bytes, content_type, filename, limits_));
  const bool blank = std::all_of(doc.text.begin(), doc.text.end(),
                                 [](char c) { return c == ' ' || c == '\n' || c == '\t'; });
  if (blank) return UnprocessableError("the document has no visible text");
  return doc;
}

}  // namespace rc::service
