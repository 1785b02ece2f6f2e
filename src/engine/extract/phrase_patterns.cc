// Phrase patterns: closed word lists and a left-to-right scan per sentence.
#include "engine/extract/phrase_patterns.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_set>

#include "engine/extract/sentence_filter.h"

namespace rc::engine {
namespace {

// Base forms of verbs that describe work in job ads and resumes (sorted for binary search).
constexpr std::string_view kActionVerbs[] = {
    "accelerate",  "accomplish",  "achieve",      "acquire",     "adapt",       "address",
    "administer",  "advise",      "advocate",     "align",       "analyse",     "analyze",
    "anticipate",  "apply",       "architect",    "arrange",     "assemble",    "assess",
    "assist",      "audit",       "automate",     "balance",     "benchmark",   "boost",
    "brief",       "budget",      "build",        "calculate",   "care",        "champion",
    "clean",       "coach",       "code",         "collaborate", "collect",     "communicate",
    "compile",     "complete",    "conduct",      "configure",   "consolidate", "construct",
    "consult",     "contribute",  "control",      "convert",     "cook",        "coordinate",
    "craft",       "create",      "cultivate",    "customize",   "debug",       "decide",
    "define",      "delegate",    "deliver",      "demonstrate", "deploy",      "design",
    "detect",      "determine",   "develop",      "devise",      "diagnose",    "direct",
    "document",    "draft",       "drive",        "educate",     "eliminate",   "empower",
    "enable",      "engage",      "engineer",     "enhance",     "ensure",      "establish",
    "estimate",    "evaluate",    "execute",      "expand",      "explain",     "explore",
    "facilitate",  "forecast",    "formulate",    "foster",      "gather",      "generate",
    "grow",        "guide",       "handle",       "help",        "hire",        "identify",
    "implement",   "improve",     "increase",     "influence",   "inform",      "initiate",
    "innovate",    "inspect",     "inspire",      "install",     "integrate",   "interpret",
    "interview",   "investigate", "launch",       "lead",        "learn",       "liaise",
    "maintain",    "manage",      "map",          "market",      "measure",     "mentor",
    "migrate",     "minimize",    "model",        "monitor",     "motivate",    "navigate",
    "negotiate",   "nurture",     "operate",      "optimise",    "optimize",    "orchestrate",
    "organise",    "organize",    "oversee",      "own",         "participate", "partner",
    "perform",     "pilot",       "plan",         "prepare",     "present",     "prioritise",
    "prioritize",  "process",     "produce",      "program",     "promote",     "propose",
    "prototype",   "provide",     "publish",      "recommend",   "reconcile",   "recruit",
    "redesign",    "reduce",      "refactor",     "report",      "represent",   "research",
    "resolve",     "respond",     "review",       "run",         "safeguard",   "scale",
    "schedule",    "secure",      "sell",         "serve",       "set",         "shape",
    "share",       "simplify",    "solve",        "source",      "specify",     "spearhead",
    "standardize", "steer",       "streamline",   "strengthen",  "structure",   "supervise",
    "support",     "sustain",     "teach",        "test",        "track",       "train",
    "transform",   "translate",   "troubleshoot", "tune",        "understand",  "unify",
    "update",      "upgrade",     "use",          "validate",    "verify",      "visualize",
    "work",        "write",       "oversee",      "prepare",     "uphold",      "utilize",
    "utilise",     "shape",       "assure",       "onboard",     "evangelize",  "empathize",
    "thrive",      "listen",      "manufacture",  "repair",      "weld",        "treat",
    "administer",  "advance",     "contribute",   "prove"};

// Irregular past forms of the verbs above.
constexpr std::pair<std::string_view, std::string_view> kIrregular[] = {
    {"built", "build"},      {"led", "lead"},
    {"ran", "run"},          {"wrote", "write"},
    {"written", "write"},    {"taught", "teach"},
    {"sold", "sell"},        {"grew", "grow"},
    {"grown", "grow"},       {"drove", "drive"},
    {"driven", "drive"},     {"oversaw", "oversee"},
    {"overseen", "oversee"}, {"understood", "understand"},
};

constexpr std::string_view kStopWords[] = {
    "a",           "about",     "above",       "across",   "after",        "all",
    "also",        "an",        "and",         "any",      "are",          "as",
    "at",          "be",        "been",        "being",    "both",         "but",
    "by",          "can",       "could",       "deep",     "demonstrable", "demonstrated",
    "do",          "e.g",       "each",        "eg",       "either",       "essential",
    "etc",         "excellent", "exceptional", "expert",   "extensive",    "for",
    "from",        "good",      "great",       "has",      "have",         "he",
    "her",         "his",       "how",         "i",        "i.e",          "ideally",
    "if",          "in",        "including",   "into",     "is",           "it",
    "its",         "just",      "like",        "may",      "me",           "more",
    "most",        "must",      "my",          "nice",     "no",           "nor",
    "not",         "of",        "on",          "or",       "other",        "our",
    "outstanding", "plus",      "preferably",  "previous", "prior",        "proven",
    "relevant",    "she",       "should",      "similar",  "so",           "solid",
    "some",        "sound",     "strong",      "such",     "than",         "that",
    "the",         "their",     "them",        "then",     "there",        "these",
    "they",        "this",      "those",       "through",  "to",           "understanding",
    "up",          "us",        "using",       "very",     "via",          "was",
    "we",          "well",      "were",        "what",     "when",         "where",
    "which",       "while",     "who",         "will",     "with",         "within",
    "would",       "you",       "your",        "required", "preferred",    "desirable",
    "years",       "year",      "minimum",     "least",    "knowledge",    "experience",
    "one",         "following", "another",     "related",  "various",      "variety",
    "new",         "it",        "it's",        "any",      "several",      "many",
    "able"};

// Cue phrases whose object is a skill or knowledge item ("knowledge of X").
constexpr std::string_view kCues[] = {
    "knowledge of",      "knowledge in",     "knowledge about",  "knowledge within",
    "experience with",   "experience in",    "experience of",    "experience using",
    "experience within", "understanding of", "expertise in",     "expertise with",
    "proficiency in",    "proficiency with", "proficient in",    "proficient with",
    "familiarity with",  "familiar with",    "skilled in",       "skills in",
    "background in",     "degree in",        "competence in",    "competency in",
    "fluent in",         "fluency in",       "qualification in", "qualified in",
    "certification in",  "certified in",     "training in",      "trained in",
    "command of",        "mastery of",       "grasp of",         "insight into",
    "exposure to",       "expert in",        "specialist in",    "specialised in",
    "specialized in",    "passion for",      "track record in",  "track record of"};

// Nouns that head a skill noun phrase: "[analytical] skills", "[SQL] knowledge".
constexpr std::string_view kSkillHeads[] = {"skill",       "skills",       "ability",   "abilities",
                                            "competence",  "competencies", "knowledge", "expertise",
                                            "proficiency", "mindset"};

// Words that open a subordinate clause or a new idea and so end a phrase.
constexpr std::string_view kPhraseEnd[] = {
    "and/or", "as",    "because", "e.g",    "eg",   "etc",   "i.e",  "including", "is",
    "are",    "like",  "so",      "such",   "that", "to",    "when", "where",     "whereas",
    "which",  "while", "who",     "whilst", "will", "would", "with", "within"};

// Subjects that make a sentence about the employer rather than the candidate.
constexpr std::string_view kCompanySubjects[] = {"we", "our",     "we're",
                                                 "us", "company", "organization"};

template <std::size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// Hash sets over the long word lists (built once, read-only afterwards, so thread-safe).
using WordSet = std::unordered_set<std::string_view>;
const WordSet& ActionVerbSet() {
  static const WordSet set(std::begin(kActionVerbs), std::end(kActionVerbs));
  return set;
}
const WordSet& StopWordSet() {
  static const WordSet set(std::begin(kStopWords), std::end(kStopWords));
  return set;
}

bool IsVerbBase(std::string_view w) { return ActionVerbSet().count(w) > 0; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsGerund(std::string_view w) {
  if (!EndsWith(w, "ing") || w.size() < 5) return false;
  const std::string_view stem = w.substr(0, w.size() - 3);
  if (IsVerbBase(stem) || IsVerbBase(std::string(stem) + "e")) return true;
  return stem.size() >= 2 && stem.back() == stem[stem.size() - 2] &&
         IsVerbBase(stem.substr(0, stem.size() - 1));
}

// -ing words that are not verbs of work (adjectives, prepositions, nouns).
constexpr std::string_view kNotGerunds[] = {
    "according", "amazing",     "anything",  "being",     "ceiling",   "challenging", "during",
    "evening",   "everything",  "exciting",  "existing",  "following", "growing",     "having",
    "including", "interesting", "leading",   "morning",   "nothing",   "ongoing",     "outstanding",
    "regarding", "remaining",   "rewarding", "something", "upcoming",  "willing",     "thing",
    "string",    "spring",      "pending",   "funding",   "hearing",   "clothing",    "king"};

// An -ing form of any verb (not only the action verbs), used where the position makes a verb
// likely ("responsible for maintaining", "planning, resourcing and executing").
bool IsAnyGerund(std::string_view w) {
  if (w.size() < 6 || !EndsWith(w, "ing") || In(kNotGerunds, w)) return false;
  for (char c : w) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

bool IsAdverb(std::string_view w) { return w.size() > 4 && EndsWith(w, "ly") && w != "only"; }

bool IsPunct(const Token& t) { return !t.is_word; }

bool IsInnerPunct(const Token& t) {
  return t.lower == "-" || t.lower == "/" || t.lower == "&" || t.lower == "+" || t.lower == "'";
}

// The sentence's first word, skipping list markers.
std::uint32_t FirstWord(const Document& doc, const TokenRange& s) {
  for (std::uint32_t k = s.first; k < s.last; ++k) {
    if (doc.tok.tokens[k].is_word) return k;
  }
  return s.last;
}

// Extends a phrase from `start` to the end of its clause, at most `max_words` words. Returns the
// end (exclusive), trimmed of trailing stop words.
std::uint32_t PhraseEnd(const Document& doc, std::uint32_t start, std::uint32_t limit,
                        int max_words, bool stop_at_and) {
  const auto& tokens = doc.tok.tokens;
  std::uint32_t k = start;
  int words = 0;
  while (k < limit && words < max_words) {
    const Token& t = tokens[k];
    if (IsPunct(t)) {
      if (IsInnerPunct(t) && k > start) {
        ++k;
        continue;
      }
      break;
    }
    if (k > start && In(kPhraseEnd, t.lower)) break;
    if (k > start && stop_at_and && (t.lower == "and" || t.lower == "or")) break;
    ++words;
    ++k;
  }
  while (k > start && (IsPunct(tokens[k - 1]) || IsPhraseStopWord(tokens[k - 1].lower))) --k;
  return k;
}

// Splits the list after a cue ("X, Y and Z") into items.
void AddListItems(const Document& doc, std::uint32_t start, std::uint32_t limit,
                  std::uint32_t cue_first, PhraseKind kind, std::vector<PhraseHit>* out) {
  const auto& tokens = doc.tok.tokens;
  std::uint32_t k = start;
  int items = 0;
  while (k < limit && items < 8) {
    // Skip leading stop words and list punctuation.
    while (k < limit && (IsPunct(tokens[k]) ? tokens[k].lower == "," || tokens[k].lower == ":"
                                            : IsPhraseStopWord(tokens[k].lower))) {
      if (!IsPunct(tokens[k]) && In(kPhraseEnd, tokens[k].lower) && tokens[k].lower != "with") {
        return;
      }
      ++k;
    }
    if (k >= limit || !tokens[k].is_word) return;
    const std::uint32_t end = PhraseEnd(doc, k, limit, 6, true);
    if (end > k) {
      out->push_back({kind, k, end, cue_first});
      ++items;
    } else {
      return;
    }
    k = end;
    // Continue only across a list separator.
    while (k < limit && !tokens[k].is_word && tokens[k].lower != "," && tokens[k].lower != "/") {
      return;
    }
    if (k < limit && tokens[k].is_word && tokens[k].lower != "and" && tokens[k].lower != "or") {
      return;
    }
    if (k < limit) ++k;
  }
}

// Lists of three or more short items ("budget control, reporting, improvement projects and
// warehousing"): each item is a phrase. Items are 1-4 words between commas, semicolons or
// slashes, the last one possibly after "and"/"or"; stop words at the edges are trimmed.
void AddShortLists(const Document& doc, std::vector<PhraseHit>* out) {
  const auto& tokens = doc.tok.tokens;
  for (const TokenRange& s : doc.tok.sentences) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> items;  // word ranges between separators
    std::uint32_t start = s.first;
    auto flush = [&](std::uint32_t end) {
      std::uint32_t b = start;
      std::uint32_t e = end;
      while (b < e && (!tokens[b].is_word || IsPhraseStopWord(tokens[b].lower))) ++b;
      while (e > b && (!tokens[e - 1].is_word || IsPhraseStopWord(tokens[e - 1].lower))) --e;
      items.emplace_back(b, e);
    };
    auto emit_run = [&]() {
      // A run of >= 3 consecutive short, non-empty items.
      std::size_t i = 0;
      while (i < items.size()) {
        std::size_t j = i;
        auto short_item = [&](std::size_t x) {
          const auto [b, e] = items[x];
          if (e <= b) return false;
          int words = 0;
          for (std::uint32_t t = b; t < e; ++t) words += tokens[t].is_word ? 1 : 0;
          return words <= 4;
        };
        while (j < items.size() && short_item(j)) ++j;
        if (j - i >= 3) {
          // List items replace action phrases read inside them ("budget control, ...") and
          // repeat no earlier phrase.
          const std::uint32_t run_first = items[i].first;
          const std::uint32_t run_last = items[j - 1].second;
          out->erase(std::remove_if(out->begin(), out->end(),
                                    [&](const PhraseHit& h) {
                                      return h.kind == PhraseKind::kAction &&
                                             h.first >= run_first && h.last <= run_last;
                                    }),
                     out->end());
          for (std::size_t x = i; x < j; ++x) {
            const bool seen = std::any_of(out->begin(), out->end(), [&](const PhraseHit& h) {
              return h.first < items[x].second && items[x].first < h.last;
            });
            if (seen) continue;
            out->push_back(
                {PhraseKind::kListItem, items[x].first, items[x].second, items[x].first});
          }
        }
        i = j + 1;
      }
      items.clear();
    };
    for (std::uint32_t k = s.first; k < s.last; ++k) {
      const std::string& t = tokens[k].lower;
      const bool sep = t == "," || t == ";" || t == "|" || t == "*" ||
                       (t == "/" && k > s.first && k + 1 < s.last && tokens[k - 1].is_word &&
                        tokens[k + 1].is_word && tokens[k - 1].end < tokens[k].begin);
      const bool conj = (t == "and" || t == "or") && !items.empty();
      if (sep || conj) {
        flush(k);
        start = k + 1;
      } else if (!tokens[k].is_word && t != "-" && t != "&" && t != "/" && t != "'" && t != "." &&
                 t != "+") {
        flush(k);
        emit_run();
        start = k + 1;
      }
    }
    flush(s.last);
    emit_run();
  }
}

// Degree names: "bachelor's", "master's", "phd", "mba", and capitalised abbreviations ("BSc",
// "MSc", "BS", "MS").
bool IsDegreeWord(const Document& doc, const Token& t) {
  static constexpr std::string_view kDegrees[] = {
      "bachelor's", "bachelors", "bachelor", "master's", "masters", "phd",  "ph.d", "mba",
      "doctorate",  "bsc",       "msc",      "b.sc",     "m.sc",    "beng", "meng"};
  if (!t.is_word) return false;
  if (In(kDegrees, t.lower)) return true;
  const std::string_view w = std::string_view(doc.norm.text).substr(t.begin, t.end - t.begin);
  return w == "BS" || w == "MS" || w == "BA" || w == "MA";
}

}  // namespace

bool IsActionVerb(std::string_view w) {
  if (w.size() < 2) return false;
  if (IsVerbBase(w)) return true;
  for (const auto& [form, base] : kIrregular) {
    if (form == w) return true;
  }
  if (IsGerund(w)) return true;
  if (EndsWith(w, "ied") && IsVerbBase(std::string(w.substr(0, w.size() - 3)) + "y")) return true;
  if (EndsWith(w, "ies") && IsVerbBase(std::string(w.substr(0, w.size() - 3)) + "y")) return true;
  if (EndsWith(w, "ed")) {
    const std::string_view stem = w.substr(0, w.size() - 2);
    if (IsVerbBase(stem) || IsVerbBase(std::string(stem) + "e")) return true;
    if (stem.size() >= 2 && stem.back() == stem[stem.size() - 2] &&
        IsVerbBase(stem.substr(0, stem.size() - 1))) {
      return true;
    }
  }
  if (EndsWith(w, "es") && IsVerbBase(w.substr(0, w.size() - 2))) return true;
  if (EndsWith(w, "s") && IsVerbBase(w.substr(0, w.size() - 1))) return true;
  return false;
}

bool IsPhraseStopWord(std::string_view w) { return StopWordSet().count(w) > 0; }

std::vector<PhraseHit> FindRequirementPhrases(const Document& doc) {
  const auto& tokens = doc.tok.tokens;
  std::vector<PhraseHit> out;
  for (const TokenRange& s : doc.tok.sentences) {
    const std::uint32_t first_word = FirstWord(doc, s);
    if (first_word >= s.last) continue;
    const bool company = In(kCompanySubjects, tokens[first_word].lower) ||
                         (first_word > s.first && tokens[first_word - 1].lower == "<");
    std::uint32_t covered = s.first;  // tokens before this are inside an earlier phrase
    for (std::uint32_t k = first_word; k < s.last; ++k) {
      if (k < covered || !tokens[k].is_word) continue;
      const std::string& w = tokens[k].lower;
      // 1. Cue + object list.
      if (k + 1 < s.last) {
        std::string two = w + " " + tokens[k + 1].lower;
        std::uint32_t after = k + 2;
        if (k + 2 < s.last && w == "track" && tokens[k + 1].lower == "record") {
          two = "track record " + tokens[k + 2].lower;
          after = k + 3;
        }
        if (In(kCues, two)) {
          const std::size_t before = out.size();
          AddListItems(doc, after, s.last, k, PhraseKind::kCueObject, &out);
          if (out.size() > before) covered = out.back().last;
          continue;
        }
      }
      // 2a. Degrees: "Master's degree", "BSc/MSc in CS", "PhD".
      if (IsDegreeWord(doc, tokens[k])) {
        std::uint32_t e = k + 1;
        while (e + 1 < s.last && tokens[e].lower == "/" && IsDegreeWord(doc, tokens[e + 1])) e += 2;
        if (e < s.last && tokens[e].lower == "degree") ++e;
        if (e + 1 < s.last && (tokens[e].lower == "in" || tokens[e].lower == "of") &&
            tokens[e + 1].is_word && !IsPhraseStopWord(tokens[e + 1].lower)) {
          e = PhraseEnd(doc, e + 1, s.last, 4, true);
        }
        out.push_back({PhraseKind::kSkillNoun, k, e, k});
        covered = e;
        k = e - 1;
        continue;
      }
      // 2. Noun phrase headed by a skill noun.
      if (In(kSkillHeads, w) && k > s.first) {
        std::uint32_t b = k;
        int words = 0;
        while (b > s.first && words < 3) {
          const Token& p = tokens[b - 1];
          if (IsPunct(p)) {
            if (IsInnerPunct(p) && b - 1 > s.first && tokens[b - 2].is_word) {
              --b;
              continue;
            }
            break;
          }
          if (IsPhraseStopWord(p.lower) || In(kSkillHeads, p.lower)) break;
          --b;
          ++words;
        }
        if (b < k && b >= covered) {
          out.push_back({PhraseKind::kSkillNoun, b, k + 1, b});
          covered = k + 1;
        }
        continue;
      }
      // 3. Traits: "you are X", "you're X and Y".
      if ((w == "you" && k + 1 < s.last && tokens[k + 1].lower == "are") || w == "you're") {
        const std::uint32_t start = w == "you" ? k + 2 : k + 1;
        // "you are welcome / free / expected to ..." describe the offer, not the candidate.
        static constexpr std::string_view kNotTraits[] = {
            "welcome",  "free",     "probably",   "invited", "encouraged",
            "expected", "required", "interested", "curious", "ready",
            "going",    "able",     "not",        "also",    "currently"};
        if (start < s.last && !IsGerund(tokens[start].lower) &&
            !In(kNotTraits, tokens[start].lower) && tokens[start].lower != "looking" &&
            tokens[start].lower != "going") {
          const std::size_t before = out.size();
          AddListItems(doc, start, s.last, k, PhraseKind::kTrait, &out);
          if (out.size() > before) covered = out.back().last;
        }
        continue;
      }
      // 4. Job titles: a title noun with up to three modifiers before it.
      if (IsTitleHeadNoun(w)) {
        // Consecutive title nouns form one title ("Assistant Head Teacher"), as does a
        // capitalised "of" complement ("Head of IT").
        std::uint32_t e = k + 1;
        while (e < s.last && tokens[e].is_word && IsTitleHeadNoun(tokens[e].lower)) ++e;
        if (e + 1 < s.last && tokens[e].lower == "of" && tokens[e + 1].is_word &&
            doc.norm.text[tokens[e + 1].begin] >= 'A' &&
            doc.norm.text[tokens[e + 1].begin] <= 'Z') {
          e += 2;
        }
        std::uint32_t b = k;
        while (b > s.first && k - b < 3 && tokens[b - 1].is_word &&
               !IsPhraseStopWord(tokens[b - 1].lower) && !IsGerund(tokens[b - 1].lower) &&
               b - 1 >= covered) {
          --b;
        }
        const bool verb_too = IsActionVerb(w);  // "lead", "coach": need a modifier
        const bool capital =
            doc.norm.text[tokens[k].begin] >= 'A' && doc.norm.text[tokens[k].begin] <= 'Z';
        if (!verb_too || (b < k && capital) || e > k + 1) {
          out.push_back({PhraseKind::kOccupation, b, e, b});
          covered = e;
          k = e - 1;
          continue;
        }
      }
      // 5. "ability to X", "able to X", "willing to X": X is a skill whatever its verb.
      if ((w == "ability" || w == "able" || w == "willingness" || w == "willing" ||
           w == "abilities" || w == "capacity") &&
          k + 2 < s.last && tokens[k + 1].lower == "to") {
        std::uint32_t v = k + 2;
        while (v < s.last && IsAdverb(tokens[v].lower)) ++v;
        if (v < s.last && tokens[v].is_word && !IsPhraseStopWord(tokens[v].lower)) {
          const std::uint32_t end = PhraseEnd(doc, v, s.last, 8, false);
          if (end > v) {
            out.push_back({PhraseKind::kAction, v, end, k});
            covered = end;
          }
        }
        continue;
      }
      // 6. Action verb phrases, where the verb opens a sentence or follows a modal or "to".
      const bool action = IsActionVerb(w);
      const bool gerund = action ? IsGerund(w) : IsAnyGerund(w);
      if (!action && !gerund) continue;
      bool trigger = false;
      std::uint32_t start = k;
      // An adverb before the verb belongs to the phrase ("proactively selling").
      if (k > first_word && IsAdverb(tokens[k - 1].lower)) start = k - 1;
      const std::uint32_t before = start;  // index of the first phrase token
      if (before == first_word) {
        // A sentence opens with a duty: an action verb in any form ("Design...", "Leading...").
        trigger = !company && action;
      } else {
        const std::string& prev = tokens[before - 1].lower;
        const std::string prev2 = before >= 2 ? tokens[before - 2].lower : "";
        const bool purpose_to =
            prev == "to" && (prev2 == "is" || prev2 == "are" || prev2 == "was" || prev2 == ":" ||
                             prev2 == "reporting" || prev2 == "order");
        // "you build", "can you coordinate", "you like solving", "you want to make".
        const bool after_you = prev == "you" && (action || gerund) && !company;
        const bool after_liking =
            gerund && (prev == "like" || prev == "love" || prev == "enjoy" || prev == "enjoys" ||
                       prev == "likes" || prev == "loves");
        const bool after_modal = (prev == "to" && !purpose_to && action) || prev == "will" ||
                                 prev == "can" || prev == "you'll" || prev == "must" ||
                                 prev == "should" || after_you || after_liking;
        const bool gerund_after =
            gerund && (prev == "for" || prev == "in" || prev == "by" || prev == "be" ||
                       prev == "of" || prev == "at" || prev == "while" || prev == "whilst");
        const bool coordinated =
            (prev == "and" || prev == "or" || prev == ",") && !out.empty() &&
            out.back().kind == PhraseKind::kAction && out.back().last + 2 >= before &&
            tokens[out.back().first].sentence == tokens[k].sentence && (gerund || action);
        trigger = (after_modal || gerund_after || coordinated) && (!company || prev == "can");
      }
      if (!trigger) continue;
      if (k + 1 < s.last && (w == "reporting" || w == "report" || w == "reports") &&
          tokens[k + 1].lower == "to") {
        continue;  // "reporting to the manager" names a line manager, not a duty
      }
      const std::uint32_t end = PhraseEnd(doc, k + 1, s.last, 7, false);
      if (end <= k + 1) continue;  // a bare verb ("Support", "work") says too little
      out.push_back({PhraseKind::kAction, start, end, start});
      covered = end;
    }
  }
  AddShortLists(doc, &out);
  std::sort(out.begin(), out.end(), [](const PhraseHit& a, const PhraseHit& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  return out;
}

}  // namespace rc::engine
