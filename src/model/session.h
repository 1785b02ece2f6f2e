// Session and Example: what the product stores between requests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rc::model {

// One chat message. Turns are stored as rows with plain columns, never serialized objects.
struct ChatTurn {
  std::string role;      // "user" or "assistant"
  std::string content;   // Markdown for the assistant, plain text for the user
  std::string mode;      // for assistant turns: "builtin" or "llm"; "" for user turns
  bool complete = true;  // false for an assistant answer interrupted while streaming
  std::int64_t created_at_ms = 0;
  friend bool operator==(const ChatTurn&, const ChatTurn&) = default;
};

// A coaching session: the inputs, the analysis and the conversation. Lives for 24 h after its
// last update (sliding), then reads as not found.
struct Session {
  std::string id;  // >= 128 bits from the OS CSPRNG, base64url
  std::string resume;
  std::string job_description;
  std::string report_json;        // the structured report as JSON text (codec/report_json.h)
  std::string analysis_markdown;  // the Markdown analysis shown to the user
  // Who wrote analysis_markdown: "builtin" (the built-in coach) or "llm" (the AI model).
  std::string analysis_mode = "builtin";
  // Why the analysis is not the one asked for, e.g. "The AI coach was unavailable (...); this
  // analysis comes from the built-in coach." Empty when there is nothing to say.
  std::string analysis_notice;
  std::vector<ChatTurn> chat;  // oldest first
  std::int64_t created_at_ms = 0;
  std::int64_t updated_at_ms = 0;
};

// A built-in example document (a resume or a job description).
struct Example {
  std::string id;       // url-safe slug, e.g. "nurse-resume"
  std::string name;     // display name, e.g. "Registered nurse (resume)"
  std::string kind;     // "resume" or "job"
  std::string content;  // the text
  friend bool operator==(const Example&, const Example&) = default;
};

}  // namespace rc::model
