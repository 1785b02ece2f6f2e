// Limits: the size limits on user input that the service layer enforces.
#pragma once

#include <cstddef>

namespace rc::service {

// Input limits, in Unicode characters (code points). Configurable from the command line.
struct Limits {
  std::size_t max_resume_chars = 100'000;
  std::size_t max_job_description_chars = 100'000;
  std::size_t max_question_chars = 4'000;
  std::size_t max_example_chars = 100'000;
};

}  // namespace rc::service
