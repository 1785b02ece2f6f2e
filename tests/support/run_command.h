// Test support: run a shell command (e.g. scripts/pg-start) and capture its output.
#pragma once

#include <array>
#include <cstdio>
#include <string>

namespace rc::testing_support {

// Runs `command` through the shell; its stdout without trailing newlines, or "" when the command
// failed (non-zero exit) or could not start.
inline std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 256> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) out += buf.data();
  if (pclose(pipe) != 0) return "";
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace rc::testing_support
