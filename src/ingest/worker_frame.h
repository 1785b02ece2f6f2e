// The framed format the PDF worker writes on stdout and the caller reads: records of
// "<tag> <length>\n<payload>\n", so text with any bytes passes through unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rc::ingest {

// Record tags.
inline constexpr char kFramePages = 'P';   // payload: page count in decimal
inline constexpr char kFrameText = 'T';    // payload: visible text of one page
inline constexpr char kFrameHidden = 'H';  // payload: one piece of hidden text
inline constexpr char kFrameWarning =
    'W';  // payload: kind, message, excerpt, location (US-separated)
inline constexpr char kFrameError = 'E';  // payload: reason, detail (US-separated)
inline constexpr char kFrameDone = 'D';   // payload: empty; the last record
inline constexpr char kFieldSeparator = '\x1F';

struct Frame {
  char tag = 0;
  std::string payload;
};

// Appends one record to `out`.
void AppendFrame(char tag, std::string_view payload, std::string* out);

// Splits `data` into records. Returns Internal when a record is malformed or truncated.
Result<std::vector<Frame>> ParseFrames(std::string_view data);

// Splits a payload on kFieldSeparator.
std::vector<std::string> SplitFields(std::string_view payload);

}  // namespace rc::ingest
