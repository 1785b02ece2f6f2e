// Contact details in a resume: email, phone, profile links, name and location.
#pragma once

#include <string_view>
#include <vector>

#include "model/resume.h"
#include "model/span.h"

namespace rc::engine {

struct ContactFinding {
  model::Contact contact;
  std::vector<model::Span> spans;  // spans of the email, phone and links in `text`
};

// Finds contact details in `text` (normalized resume text). The name is the first line when it
// is two to four words of letters; the location is the first "City, ST" or "City, Country" found
// in the first five lines. Spans are byte offsets in `text`.
ContactFinding FindContact(std::string_view text);

}  // namespace rc::engine
