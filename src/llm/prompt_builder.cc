// Building the analysis and chat prompts from the engine's report and the documents.
#include "llm/prompt_builder.h"

#include <cstdio>
#include <map>

#include "llm/openai_protocol.h"
#include "llm/prompt_template.h"

namespace rc::llm {
namespace {

std::string Fixed(double value, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
}

// Decodes one UTF-8 sequence at `i`; returns its length, or 0 when invalid.
std::size_t SequenceLength(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

bool IsHiddenFormatChar(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF ||
         cp == 0x00AD;
}

// Breaks every run of three identical angle brackets: "<<<<" -> "<< <<".
std::string BreakRuns(std::string text, char c) {
  const std::string triple(3, c);
  std::size_t pos = 0;
  while ((pos = text.find(triple, pos)) != std::string::npos) {
    text.insert(pos + 2, 1, ' ');
    pos += 3;
  }
  return text;
}

std::string Quote(std::string_view text, std::size_t max_bytes = 240) {
  std::string cut(TruncateUtf8(text, max_bytes));
  if (cut.size() < text.size()) cut += "…";
  for (char& c : cut) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return "\"" + NeutralizeUntrusted(cut) + "\"";
}

const model::Requirement* FindRequirement(const model::Report& report, const std::string& id) {
  for (const model::Requirement& r : report.job.requirements) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string SkillList(const std::vector<model::SkillMention>& skills) {
  std::vector<std::string> names;
  for (const model::SkillMention& m : skills) {
    bool seen = false;
    for (const std::string& n : names) seen = seen || n == m.name;
    if (!seen) names.push_back(m.name);
  }
  if (names.empty()) return "(none)";
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += NeutralizeUntrusted(n);
  }
  return out;
}

std::int64_t MessagesTokens(const std::vector<ChatMessage>& messages) {
  std::int64_t total = 0;
  for (const ChatMessage& m : messages) total += EstimateTokens(m.content) + 4;
  return total;
}

Status TooLarge(std::int64_t tokens, std::int64_t limit) {
  return PayloadTooLargeError(
      "the resume and job description are too long for the AI coach (about " +
      std::to_string(tokens) + " tokens, limit " + std::to_string(limit) +
      "); shorten them or use the built-in analysis");
}

std::map<std::string, std::string> DocumentVars(const model::Report& report,
                                                std::string_view resume,
                                                std::string_view job_description) {
  return {{"facts", FormatFacts(report)},
          {"resume", NeutralizeUntrusted(resume)},
          {"job_description", NeutralizeUntrusted(job_description)}};
}

}  // namespace

std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string NeutralizeUntrusted(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t len = SequenceLength(text, i, cp);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    const bool control =
        (cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (cp == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') out.push_back('\n');
    } else if (!control && !IsHiddenFormatChar(cp)) {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return BreakRuns(BreakRuns(std::move(out), '<'), '>');
}

std::string FormatFacts(const model::Report& report) {
  std::string out;
  out += "Score: " + std::to_string(report.score.total) + "/100\n";
  out += "Score factors:\n";
  for (const model::ScoreFactor& f : report.score.factors) {
    out += "- " + NeutralizeUntrusted(f.label) + ": " + Fixed(f.points, 1) + " of " +
           Fixed(f.weight * 100, 0) + " points";
    if (!f.explanation.empty()) out += ". " + NeutralizeUntrusted(f.explanation);
    out += "\n";
  }
  const model::JobFacts& job = report.job;
  out += "Job title: " + (job.title.empty() ? "(not found)" : Quote(job.title, 120)) + "\n";
  if (!job.seniority.empty()) out += "Seniority: " + job.seniority + "\n";
  if (job.years_required)
    out += "Years of experience required: " + Fixed(*job.years_required, 0) + "\n";
  if (!job.degree_level.empty()) out += "Degree required: " + job.degree_level + "\n";
  out += "Requirements (status from the engine):\n";
  for (const model::RequirementMatch& m : report.matches) {
    const model::Requirement* r = FindRequirement(report, m.requirement_id);
    out += "- " + NeutralizeUntrusted(m.requirement_id);
    if (r != nullptr) {
      out += " [" + std::string(model::ImportanceName(r->importance)) + ", " +
             model::RequirementKindName(r->kind) + "] " + NeutralizeUntrusted(r->name);
      if (r->years_min) out += " (" + Fixed(*r->years_min, 0) + "+ years)";
    }
    out += ": " + std::string(model::MatchStatusName(m.status));
    if (m.status == model::MatchStatus::kPartial && !m.related_skill.empty()) {
      out += " via related skill " + NeutralizeUntrusted(m.related_skill);
    }
    if (m.years_found) out += "; " + Fixed(*m.years_found, 1) + " years found";
    if (!m.explanation.empty()) out += ". " + NeutralizeUntrusted(m.explanation);
    out += "\n";
    std::size_t shown = 0;
    for (const model::Evidence& e : m.evidence) {
      if (shown++ == 2) break;  // two excerpts are enough to ground a claim
      out += "  evidence (" + NeutralizeUntrusted(e.section) + "): " + Quote(e.excerpt) + "\n";
    }
  }
  out += "Job skills the resume shows: " + SkillList(report.matched_skills) + "\n";
  out += "Job skills with no evidence in the resume: " + SkillList(report.missing_skills) + "\n";
  out += "Other skills in the resume: " + SkillList(report.extra_skills) + "\n";
  const model::ResumeFacts& resume = report.resume;
  out += "Dated experience in the resume: " + std::to_string(resume.total_experience_months) +
         " months across " + std::to_string(resume.experience.size()) + " roles\n";
  for (const model::EducationEntry& e : resume.education) {
    out += "Education: " + (e.degree_level.empty() ? std::string("degree") : e.degree_level);
    if (!e.field.empty()) out += " in " + NeutralizeUntrusted(e.field);
    out += "\n";
  }
  bool any_check = false;
  for (const model::Check& c : report.checks) {
    if (c.status == model::CheckStatus::kPass) continue;
    if (!any_check) out += "Resume checks that need attention:\n";
    any_check = true;
    out += "- " + NeutralizeUntrusted(c.label) + " (" + model::CheckStatusName(c.status) +
           "): " + NeutralizeUntrusted(c.message) + "\n";
  }
  for (const std::string& w : report.warnings) out += "Note: " + NeutralizeUntrusted(w) + "\n";
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

Result<BuiltPrompt> BuildAnalysisPrompt(const model::Report& report, std::string_view resume,
                                        std::string_view job_description,
                                        const PromptBudget& budget) {
  RC_ASSIGN_OR_RETURN(const PromptTemplate* t, EmbeddedPrompt("analysis.txt"));
  const auto vars = DocumentVars(report, resume, job_description);
  RC_ASSIGN_OR_RETURN(std::string system, PromptTemplate::Render(t->system(), vars));
  RC_ASSIGN_OR_RETURN(std::string user, PromptTemplate::Render(t->user(), vars));
  BuiltPrompt built;
  built.prompt_version = t->version();
  built.request.messages = {{"system", std::move(system)}, {"user", std::move(user)}};
  built.request.max_tokens = budget.analysis_max_tokens;
  built.request.temperature = 0.2;
  built.estimated_tokens = MessagesTokens(built.request.messages);
  if (built.estimated_tokens > budget.max_prompt_tokens) {
    return TooLarge(built.estimated_tokens, budget.max_prompt_tokens);
  }
  return built;
}

Result<BuiltPrompt> BuildChatPrompt(const model::Report& report, std::string_view resume,
                                    std::string_view job_description,
                                    const std::vector<model::ChatTurn>& history,
                                    std::string_view question, const PromptBudget& budget) {
  RC_ASSIGN_OR_RETURN(const PromptTemplate* t, EmbeddedPrompt("chat.txt"));
  auto vars = DocumentVars(report, resume, job_description);
  vars["question"] = NeutralizeUntrusted(question);

  // Newest first, keep whole messages while they fit the history budget.
  std::vector<ChatMessage> window;
  std::int64_t used = 0;
  std::size_t keep_from = history.size();
  while (keep_from > 0) {
    const model::ChatTurn& turn = history[keep_from - 1];
    std::string content = NeutralizeUntrusted(turn.content);
    if (turn.role == "assistant" && !turn.complete) content += "\n[this answer was interrupted]";
    const std::int64_t cost = EstimateTokens(content) + 4;
    if (used + cost > budget.max_history_tokens) break;
    used += cost;
    window.push_back({turn.role == "assistant" ? "assistant" : "user", std::move(content)});
    --keep_from;
  }
  // A window that starts with an answer would lack its question: drop that answer too.
  if (!window.empty() && window.back().role == "assistant") {
    window.pop_back();
    ++keep_from;
  }
  std::string note;
  if (keep_from > 0) {
    note = "\nEarlier conversation: " + std::to_string(keep_from) +
           " older messages are left out to fit the context window.";
    std::vector<std::string> questions;
    for (std::size_t i = 0; i < keep_from; ++i) {
      if (history[i].role == "user") questions.push_back(Quote(history[i].content, 120));
    }
    const std::size_t first = questions.size() > 5 ? questions.size() - 5 : 0;
    if (first < questions.size()) note += " The candidate's earlier questions included:";
    for (std::size_t i = first; i < questions.size(); ++i) note += "\n- " + questions[i];
    note += "\n";
  }
  vars["history_note"] = note;

  RC_ASSIGN_OR_RETURN(std::string system, PromptTemplate::Render(t->system(), vars));
  RC_ASSIGN_OR_RETURN(std::string user, PromptTemplate::Render(t->user(), vars));
  BuiltPrompt built;
  built.prompt_version = t->version();
  built.request.messages.push_back({"system", std::move(system)});
  for (auto it = window.rbegin(); it != window.rend(); ++it) built.request.messages.push_back(*it);
  built.request.messages.push_back({"user", std::move(user)});
  built.request.max_tokens = budget.chat_max_tokens;
  built.request.temperature = 0.3;
  built.history_messages_sent = static_cast<int>(window.size());
  built.history_messages_dropped = static_cast<int>(keep_from);
  built.estimated_tokens = MessagesTokens(built.request.messages);
  if (built.estimated_tokens > budget.max_prompt_tokens) {
    return TooLarge(built.estimated_tokens, budget.max_prompt_tokens);
  }
  return built;
}

}  // namespace rc::llm
