// FileClock.
#include "app/file_clock.h"

#include <fstream>
#include <sstream>

namespace rc::app {

std::int64_t FileClock::NowMillis() const {
  std::ifstream in(path_);
  std::int64_t value = 0;
  if (in >> value) {
    std::string rest;
    if (!(in >> rest)) return value;
  }
  return fallback_.NowMillis();
}

}  // namespace rc::app
