// FindMentions: merges taxonomy hits and phrase hits.
#include "engine/extract/mention_finder.h"

#include <algorithm>
#include <tuple>

#include "engine/extract/sentence_filter.h"

namespace rc::engine {
namespace {

// Generic mentions (soft skills, domains, spoken languages, one lower-case word, traits, list
// items) count only in
// sentences that state requirements; tools, named technologies and duties count in any candidate
// sentence.
bool NeedsRequirementSentence(const Taxonomy& taxonomy, const Document& doc, const Mention& m) {
  if (m.skill < 0) {
    return m.phrase_kind == PhraseKind::kTrait || m.phrase_kind == PhraseKind::kListItem;
  }
  const model::SkillKind kind = taxonomy.skills()[m.skill].kind;
  if (kind == model::SkillKind::kSoft || kind == model::SkillKind::kDomain ||
      kind == model::SkillKind::kLanguage) {
    return true;
  }
  if (kind == model::SkillKind::kTool || kind == model::SkillKind::kCertification) return false;
  // A single word written in lower case ("planning") is generic; "Python", "SQL" are names.
  int words = 0;
  bool lower = true;
  for (std::uint32_t k = m.first; k < m.last; ++k) {
    const Token& t = doc.tok.tokens[k];
    if (!t.is_word) continue;
    ++words;
    const char c = doc.norm.text[t.begin];
    lower = lower && !(c >= 'A' && c <= 'Z');
  }
  return words == 1 && lower;
}

}  // namespace

std::vector<Mention> FindMentions(const Taxonomy& taxonomy, const Document& doc,
                                  const MentionOptions& options) {
  std::vector<Mention> all;
  for (const SkillHit& hit : FindSkills(taxonomy, doc)) {
    // "DevOps Engineer", "Java developer": in a job ad, part of a job title, not a requirement.
    if (options.candidate_sentences_only && hit.last < doc.tok.tokens.size() &&
        doc.tok.tokens[hit.last].is_word && IsTitleHeadNoun(doc.tok.tokens[hit.last].lower) &&
        doc.tok.tokens[hit.last].sentence == doc.tok.tokens[hit.first].sentence) {
      continue;
    }
    all.push_back({hit.first, hit.last, hit.skill, PhraseKind::kCueObject});
  }
  for (const PhraseHit& hit : FindRequirementPhrases(doc)) {
    if (hit.kind == PhraseKind::kOccupation && !options.occupations) continue;
    all.push_back({hit.first, hit.last, -1, hit.kind});
  }
  // Longer first at the same start, so containment checks see the outer mention first.
  std::sort(all.begin(), all.end(), [](const Mention& a, const Mention& b) {
    return std::make_tuple(a.first, b.last, a.skill) < std::make_tuple(b.first, a.last, b.skill);
  });
  std::vector<Mention> out;
  std::vector<int> candidate(doc.tok.sentences.size(), -1);  // -1 unknown, 0 no, 1 yes
  std::vector<int> requirement(doc.tok.sentences.size(), -1);
  for (const Mention& m : all) {
    if (options.candidate_sentences_only && NeedsRequirementSentence(taxonomy, doc, m)) {
      const std::uint32_t sentence = doc.tok.tokens[m.first].sentence;
      if (requirement[sentence] < 0) {
        requirement[sentence] = IsRequirementSentence(doc, sentence) ? 1 : 0;
      }
      if (requirement[sentence] == 0) continue;
    }
    const bool occupation = m.skill < 0 && m.phrase_kind == PhraseKind::kOccupation;
    if (options.candidate_sentences_only && !occupation) {
      const std::uint32_t sentence = doc.tok.tokens[m.first].sentence;
      if (candidate[sentence] < 0) candidate[sentence] = IsCandidateSentence(doc, sentence) ? 1 : 0;
      if (candidate[sentence] == 0) continue;
    }
    bool contained = false;
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
      if (it->last <= m.first) break;
      if (it->first <= m.first && m.last <= it->last) {
        contained = true;
        break;
      }
    }
    if (!contained) out.push_back(m);
  }
  return out;
}

}  // namespace rc::engine
