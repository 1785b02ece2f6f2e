// FindMentions: merges taxonomy hits and phrase hits.
#include "engine/extract/mention_finder.h"

#include <algorithm>
#include <tuple>

#include "engine/extract/sentence_filter.h"

namespace rc::engine {

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
  for (const Mention& m : all) {
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
