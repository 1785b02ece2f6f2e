// HeaderList and HttpRequest helpers.
#include "server/http_message.h"

#include <cctype>

#include "base/ascii.h"

namespace rc::server {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

void HeaderList::Add(std::string_view name, std::string_view value) {
  fields_.emplace_back(AsciiLower(name), std::string(value));
}

void HeaderList::Set(std::string_view name, std::string_view value) {
  std::erase_if(fields_, [&](const auto& f) { return EqualsIgnoreCase(f.first, name); });
  Add(name, value);
}

std::string_view HeaderList::Get(std::string_view name) const {
  for (const auto& f : fields_) {
    if (EqualsIgnoreCase(f.first, name)) return f.second;
  }
  return {};
}

bool HeaderList::Has(std::string_view name) const {
  for (const auto& f : fields_) {
    if (EqualsIgnoreCase(f.first, name)) return true;
  }
  return false;
}

std::string_view HttpRequest::Path() const {
  std::string_view t = target;
  const std::size_t q = t.find('?');
  return q == std::string_view::npos ? t : t.substr(0, q);
}

}  // namespace rc::server
