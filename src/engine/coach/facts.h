// Read-only views over a session's report and documents that the coach's answers share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/coach/text.h"
#include "model/report.h"

namespace rc::engine {
class Taxonomy;
struct Skill;
}  // namespace rc::engine

namespace rc::engine::coach {

// Everything an answer may use. `report` and `taxonomy` are borrowed; taxonomy may be null.
struct Grounding {
  std::string_view resume;
  std::string_view job;
  const model::Report& report;
  const Taxonomy* taxonomy = nullptr;
};

// A JD requirement with its match (match is null when the report has no match for it).
struct ReqItem {
  const model::Requirement* req = nullptr;
  const model::RequirementMatch* match = nullptr;
  model::MatchStatus status() const { return match ? match->status : model::MatchStatus::kMissing; }
};

// All requirements in JD order, paired with their matches by id.
std::vector<ReqItem> Requirements(const model::Report& report);

// Missing and partial requirements, most important first: required before preferred, missing
// before partial, skills before soft skills, more JD mentions first, then JD order.
std::vector<ReqItem> Gaps(const Grounding& g);

// Gaps that can be learned (skills, tools, certifications, languages, domains), same order.
std::vector<ReqItem> LearnableGaps(const Grounding& g);

// The JD sentence or bullet a requirement came from (falls back to the line of its mention).
std::string_view JobSentence(const Grounding& g, const model::Requirement& req);

// The resume line shown for a piece of evidence: its excerpt, else the line at its span.
std::string_view EvidenceLine(const Grounding& g, const model::Evidence& evidence);

// "required" / "preferred".
const char* ImportanceWord(const model::Requirement& req);

// "about 3 years", "about 9.5 years", "about 8 months", "" for 0 months (years to the half).
std::string DurationPhrase(int months);

// "Senior Nurse at St. Mary's" with whatever of title/employer is known.
std::string RoleLabel(const model::ExperienceEntry& entry);

// The current or most recently ended role, else the first listed; null when none.
const model::ExperienceEntry* MostRecentRole(const model::Report& report);

// Resume lines (bullets of experience entries, else lines of experience/projects sections) that
// contain a number, in resume order.
std::vector<Line> MeasurableLines(const Grounding& g);

// MeasurableLines() ordered by how clearly they state a result: a percentage or an amount of money
// first, then a result verb ("Reduced", "Increased", "Saved"...), then resume order.
std::vector<Line> ResultLines(const Grounding& g);

// "5" for 5.0, "2.5" for 2.5 (one decimal at most).
std::string YearsNumber(double years);

// `noun` with "a" or "an" in front: "an Account Manager", "a Senior Engineer".
std::string WithArticle(std::string_view noun);

// All bullets of the experience entries as lines, in resume order (lines of experience sections
// when no entry has bullets).
std::vector<Line> ExperienceLines(const Grounding& g);

// The kind of the resume section containing byte `offset`, or "" when outside any section.
std::string SectionKindAt(const model::Report& report, int offset);

// Lines of the resume sections of `kind`, in order.
std::vector<Line> SectionLines(const Grounding& g, std::string_view kind);

// True when the resume has a section of `kind`.
bool HasSection(const model::Report& report, std::string_view kind);

// The taxonomy skill named by `term` (any surface form), or null.
const Skill* ResolveSkill(const Grounding& g, std::string_view term);

// The surface forms to search for `term`: the skill's name and aliases when it is a known skill,
// else the term itself. Longest first, deduplicated case-insensitively.
std::vector<std::string> SearchForms(const Grounding& g, std::string_view term);

// The requirement about `term` (same taxonomy skill, or the same name), or an empty item.
ReqItem FindRequirement(const Grounding& g, std::string_view term);

// Names of skills related to the requirement's skill (taxonomy related ids, or the match's
// related_skill) that the resume mentions, sorted.
std::vector<std::string> RelatedSkillsShown(const Grounding& g, const ReqItem& item);

// Skill names the resume shows for required requirements that are met, required first, JD
// order, at most `limit`.
std::vector<std::string> TopMatchedSkills(const Grounding& g, std::size_t limit);

// "met", "partly met" or "missing".
std::string StatusWord(model::MatchStatus status);

// True when every piece of evidence for the requirement is in the skills section.
bool IsExperienceOnlyInSkills(const ReqItem& item);

// "a bachelor's degree", "a master's degree"... for an EducationEntry::degree_level.
std::string DegreeWords(std::string_view level);

// Whole years of experience from the report (floor; ExperienceYears: dated roles, or the years
// the resume states when more), 0 when unknown.
int TotalYears(const model::Report& report);

}  // namespace rc::engine::coach
