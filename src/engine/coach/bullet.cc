// Rewrites one resume bullet: filler removed, an action verb first, never a new fact.
#include "engine/coach/bullet.h"

#include <algorithm>
#include <array>

#include "engine/coach/text.h"

namespace rc::engine::coach {
namespace {

struct Verb {
  std::string_view base;
  std::string_view past;
  std::string_view gerund;
};

// Irregular forms and the ones the regular rules would get wrong.
constexpr std::array<Verb, 36> kIrregular = {{
    {"lead", "Led", "leading"},
    {"build", "Built", "building"},
    {"run", "Ran", "running"},
    {"write", "Wrote", "writing"},
    {"teach", "Taught", "teaching"},
    {"sell", "Sold", "selling"},
    {"make", "Created", "making"},
    {"bring", "Brought", "bringing"},
    {"drive", "Drove", "driving"},
    {"oversee", "Oversaw", "overseeing"},
    {"set", "Set", "setting"},
    {"cut", "Cut", "cutting"},
    {"keep", "Kept", "keeping"},
    {"hold", "Held", "holding"},
    {"meet", "Met", "meeting"},
    {"speak", "Spoke", "speaking"},
    {"give", "Gave", "giving"},
    {"take", "Took", "taking"},
    {"grow", "Grew", "growing"},
    {"win", "Won", "winning"},
    {"spend", "Spent", "spending"},
    {"send", "Sent", "sending"},
    {"find", "Found", "finding"},
    {"draw", "Drew", "drawing"},
    {"feed", "Fed", "feeding"},
    {"pay", "Paid", "paying"},
    {"handle", "Managed", "handling"},
    {"do", "Completed", "doing"},
    {"use", "Used", "using"},
    {"begin", "Began", "beginning"},
    {"put", "Put", "putting"},
    {"read", "Read", "reading"},
    {"see", "Saw", "seeing"},
    {"deal", "Handled", "dealing"},
    {"undertake", "Undertook", "undertaking"},
    {"rebuild", "Rebuilt", "rebuilding"},
}};

// "-ing" nouns that name a field rather than an action ("responsible for accounting").
constexpr std::array<std::string_view, 16> kIngNouns = {
    "accounting", "engineering", "nursing",   "housekeeping", "bookkeeping",   "plumbing",
    "banking",    "clothing",    "lighting",  "consulting",   "manufacturing", "landscaping",
    "everything", "anything",    "something", "during"};

// Weak or passive starts, the verb used when a noun phrase follows, and whether the gerund that
// may follow becomes the verb ("worked on building X" -> "Built X").
struct Filler {
  std::string_view phrase;
  std::string_view noun_verb;
  bool gerund_becomes_verb;
};
constexpr std::array<Filler, 24> kFillers = {{
    {"my responsibilities included", "Managed", true},
    {"responsibilities included", "Managed", true},
    {"responsibilities include", "Managed", true},
    {"my duties included", "Managed", true},
    {"duties included", "Managed", true},
    {"duties include", "Managed", true},
    {"was responsible for", "Owned", true},
    {"were responsible for", "Owned", true},
    {"responsible for", "Owned", true},
    {"accountable for", "Owned", true},
    {"was in charge of", "Led", true},
    {"in charge of", "Led", true},
    {"was tasked with", "Owned", true},
    {"tasked with", "Owned", true},
    {"was involved in", "Contributed to", true},
    {"involved in", "Contributed to", true},
    {"participated in", "Contributed to", true},
    {"took part in", "Contributed to", true},
    {"worked on", "Contributed to", true},
    {"worked with", "Collaborated with", false},
    {"helped with", "Supported", false},
    {"assisted with", "Supported", false},
    {"assisted in", "Supported", false},
    {"helped to", "Contributed to", false},
}};

constexpr std::array<std::string_view, 12> kWeakPast = {
    "helped", "assisted", "worked", "handled", "participated", "involved",
    "tasked", "did",      "made",   "got",     "was",          "were"};

constexpr std::array<std::string_view, 40> kStrongPast = {
    "led",       "built",     "ran",         "wrote",        "taught",    "sold",      "created",
    "brought",   "drove",     "oversaw",     "set",          "cut",       "kept",      "held",
    "met",       "spoke",     "gave",        "took",         "grew",      "won",       "spent",
    "sent",      "found",     "drew",        "fed",          "paid",      "completed", "used",
    "began",     "put",       "read",        "saw",          "undertook", "rebuilt",   "owned",
    "delivered", "supported", "contributed", "collaborated", "managed"};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The leading word of `s` (letters and apostrophes) and the rest after one space.
std::pair<std::string, std::string_view> SplitFirst(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                          s[i] == '-' || s[i] == '\'')) {
    ++i;
  }
  std::string_view rest = s.substr(i);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return {Lower(s.substr(0, i)), rest};
}

bool IsGerund(const std::string& w) {
  if (w.size() < 6 || !w.ends_with("ing")) return false;
  return std::find(kIngNouns.begin(), kIngNouns.end(), w) == kIngNouns.end();
}

std::string PastFromGerund(const std::string& g) {
  for (const Verb& v : kIrregular) {
    if (v.gerund == g) return std::string(v.past);
  }
  std::string stem = g.substr(0, g.size() - 3);
  // "applying" -> "applied"; "deploying" -> "deployed".
  if (stem.size() >= 2 && stem.back() == 'y' && !IsVowel(stem[stem.size() - 2])) {
    stem.pop_back();
    return Capitalize(stem + "ied");
  }
  // "managing" -> "manag" + "ed" = "managed"; "planning" -> "planned"; "creating" -> "created".
  return Capitalize(stem + "ed");
}

std::string PastFromBase(const std::string& b) {
  for (const Verb& v : kIrregular) {
    if (v.base == b) return std::string(v.past);
  }
  if (b.ends_with("e")) return Capitalize(b + "d");
  if (b.size() >= 2 && b.back() == 'y' && !IsVowel(b[b.size() - 2])) {
    return Capitalize(b.substr(0, b.size() - 1) + "ied");
  }
  return Capitalize(b + "ed");
}

std::string GerundFromBase(const std::string& b) {
  for (const Verb& v : kIrregular) {
    if (v.base == b) return std::string(v.gerund);
  }
  if (b.size() > 2 && b.ends_with("e") && !b.ends_with("ee")) {
    return b.substr(0, b.size() - 1) + "ing";
  }
  // One-syllable consonant-vowel-consonant words double the last letter: "plan" -> "planning".
  if (b.size() == 3 && !IsVowel(b[0]) && IsVowel(b[1]) && !IsVowel(b[2]) && b[2] != 'w' &&
      b[2] != 'x' && b[2] != 'y') {
    return b + b[2] + "ing";
  }
  return b + "ing";
}

// Present-tense third person or base forms that commonly start bullets ("Manages the team").
bool LooksLikePresentVerb(const std::string& w) {
  static constexpr std::string_view kBases[] = {
      "manage",  "lead",      "build",     "develop",    "design",   "create",    "coordinate",
      "oversee", "handle",    "support",   "maintain",   "prepare",  "train",     "analyze",
      "analyse", "implement", "plan",      "run",        "write",    "deliver",   "process",
      "monitor", "organize",  "organise",  "provide",    "assist",   "help",      "ensure",
      "conduct", "teach",     "increase",  "reduce",     "improve",  "grow",      "launch",
      "drive",   "raise",     "cut",       "streamline", "migrate",  "automate",  "deploy",
      "onboard", "recruit",   "hire",      "close",      "sell",     "secure",    "resolve",
      "ship",    "test",      "establish", "expand",     "boost",    "lower",     "save",
      "set",     "negotiate", "review",    "update",     "redesign", "introduce", "coach",
      "mentor",  "schedule",  "track",     "audit",      "research", "evaluate",  "install"};
  for (std::string_view b : kBases) {
    if (w == b) return true;
    if (w.size() == b.size() + 1 && w.starts_with(b) && w.back() == 's') return true;
    if (w.size() == b.size() + 2 && w.starts_with(b) && w.ends_with("es")) return true;
  }
  return false;
}

std::string BaseFromPresent(const std::string& w) {
  static constexpr std::array<std::string_view, 6> kEsBases = {"process", "teach", "wash",
                                                               "fix",     "reach", "coach"};
  if (w.ends_with("es")) {
    std::string b = w.substr(0, w.size() - 2);
    if (std::find(kEsBases.begin(), kEsBases.end(), b) != kEsBases.end()) return b;
  }
  if (w.ends_with("s") && !w.ends_with("ss")) return w.substr(0, w.size() - 1);
  return w;
}

std::string StripMarkerAndPeriod(std::string_view bullet) {
  std::vector<Line> lines = SplitLines(bullet);
  std::string s;
  for (const Line& l : lines) {
    if (!s.empty()) s += ' ';
    s += std::string(l.text);
  }
  while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ' ')) s.pop_back();
  return s;
}

std::size_t CountWords(std::string_view s) {
  std::size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

}  // namespace

bool IsActionVerb(std::string_view word) {
  std::string w = Lower(word);
  if (std::find(kWeakPast.begin(), kWeakPast.end(), w) != kWeakPast.end()) return false;
  if (std::find(kStrongPast.begin(), kStrongPast.end(), w) != kStrongPast.end()) return true;
  return w.size() > 4 && w.ends_with("ed") && w != "need" && w != "speed" && w != "seed";
}

bool StartsWithFiller(std::string_view text) {
  std::string lower = Lower(text);
  for (const Filler& f : kFillers) {
    if (lower.starts_with(f.phrase)) return true;
  }
  return false;
}

BulletRewrite RewriteBullet(std::string_view bullet) {
  BulletRewrite out;
  std::string s = StripMarkerAndPeriod(bullet);
  out.has_metric = HasDigit(s);

  // First-person openers.
  for (std::string_view p : {"i ", "we ", "my role was to ", "my job was to ", "i was "}) {
    if (Lower(s).starts_with(p) && s.size() > p.size()) {
      out.changes.push_back("Dropped the first-person opener \"" +
                            std::string(s.substr(0, p.size() - 1)) + "\": resumes imply the I.");
      s = s.substr(p.size());
      if (p == "i was ") s = "was " + s;
      break;
    }
  }

  std::string verb;  // the new first word(s), capitalized
  std::string_view rest = s;
  std::string lower = Lower(s);
  for (const Filler& f : kFillers) {
    if (!lower.starts_with(f.phrase)) continue;
    if (lower.size() > f.phrase.size() && lower[f.phrase.size()] != ' ' &&
        lower[f.phrase.size()] != ':') {
      continue;
    }
    std::string_view tail = std::string_view(s).substr(f.phrase.size());
    while (!tail.empty() && (tail.front() == ' ' || tail.front() == ':')) tail.remove_prefix(1);
    if (tail.empty()) break;  // nothing but the filler: leave the bullet as it is
    out.changes.push_back("Removed the filler \"" + std::string(s.substr(0, f.phrase.size())) +
                          "\": it describes a duty, not what you did.");
    rest = tail;
    auto [first, after] = SplitFirst(rest);
    // "cleaning, restocking and ..." is a list of duties: keep it whole after a verb.
    const bool list_follows =
        !after.empty() && rest.size() > first.size() && rest[first.size()] == ',';
    if (f.gerund_becomes_verb && IsGerund(first) && !list_follows) {
      verb = PastFromGerund(first);
      rest = after;
    } else if (f.phrase == "helped to" || f.phrase == "helped with" ||
               f.phrase == "assisted with" || f.phrase == "assisted in") {
      if (IsGerund(first)) {
        verb = "Contributed to " + first;
        rest = after;
      } else {
        verb = std::string(f.noun_verb);
        if (f.phrase == "helped to" && !first.empty()) {
          verb += " " + GerundFromBase(first);
          rest = after;
        }
      }
    } else {
      verb = std::string(f.noun_verb);
    }
    break;
  }

  if (verb.empty()) {
    auto [first, after] = SplitFirst(s);
    if (first == "helped" || first == "assisted") {
      auto [second, after2] = SplitFirst(after);
      if (IsGerund(second)) {
        verb = "Contributed to " + second;
        rest = after2;
      } else if (LooksLikePresentVerb(second)) {
        verb = "Contributed to " + GerundFromBase(BaseFromPresent(second));
        rest = after2;
      } else {
        verb = "Supported";
        rest = after;
      }
      out.changes.push_back("Replaced \"" + first + "\" with a verb that says what your part was.");
    } else if (first == "handled" || first == "did" || first == "made") {
      verb = first == "handled" ? "Managed" : (first == "did" ? "Completed" : "Created");
      rest = after;
      out.changes.push_back("Replaced the weak verb \"" + first + "\" with \"" + verb + "\".");
    } else if (IsGerund(first)) {
      verb = PastFromGerund(first);
      rest = after;
      out.changes.push_back("Put the verb in the past tense (\"" + verb + "\").");
    } else if (LooksLikePresentVerb(first)) {
      verb = PastFromBase(BaseFromPresent(first));
      rest = after;
      out.changes.push_back("Put the verb in the past tense (\"" + verb + "\").");
    }
  } else {
    out.changes.push_back("Started with the action verb \"" + verb + "\".");
  }

  std::string result =
      verb.empty() ? std::string(rest) : verb + (rest.empty() ? "" : " ") + std::string(rest);
  out.rewritten = Capitalize(result);
  auto [lead, unused] = SplitFirst(out.rewritten);
  out.starts_with_verb = IsActionVerb(lead);
  out.words = CountWords(out.rewritten);
  return out;
}

}  // namespace rc::engine::coach
