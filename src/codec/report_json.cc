// Mapping of model structs to JSON, field for field.
#include "codec/report_json.h"

#include <optional>
#include <vector>

namespace rc::codec {
namespace {

using nlohmann::json;

json SpanJson(const model::Span& s) { return json{{"begin", s.begin}, {"end", s.end}}; }

template <typename T, typename F>
json ListJson(const std::vector<T>& items, F&& encode) {
  json out = json::array();
  for (const T& item : items) out.push_back(encode(item));
  return out;
}

template <typename T>
json OptionalJson(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json YearMonthJson(const std::optional<model::YearMonth>& ym) {
  if (!ym) return nullptr;
  return json{{"year", ym->year}, {"month", ym->month}};
}

json MentionJson(const model::SkillMention& m) {
  return json{{"skill_id", m.skill_id},
              {"name", m.name},
              {"kind", model::SkillKindName(m.kind)},
              {"span", SpanJson(m.span)},
              {"section", m.section}};
}

json SectionJson(const model::Section& s) {
  return json{{"kind", s.kind},
              {"heading", s.heading},
              {"heading_span", SpanJson(s.heading_span)},
              {"body_span", SpanJson(s.body_span)}};
}

json ExperienceJson(const model::ExperienceEntry& e) {
  return json{{"title", e.title},
              {"employer", e.employer},
              {"start", YearMonthJson(e.start)},
              {"end", YearMonthJson(e.end)},
              {"is_current", e.is_current},
              {"months", e.months},
              {"span", SpanJson(e.span)},
              {"header_span", SpanJson(e.header_span)},
              {"bullets", ListJson(e.bullets, SpanJson)}};
}

json EducationJson(const model::EducationEntry& e) {
  return json{{"degree_level", e.degree_level},
              {"field", e.field},
              {"institution", e.institution},
              {"graduation_year", OptionalJson(e.graduation_year)},
              {"span", SpanJson(e.span)}};
}

json ResumeJson(const model::ResumeFacts& r) {
  return json{{"contact", json{{"name", r.contact.name},
                               {"email", r.contact.email},
                               {"phone", r.contact.phone},
                               {"links", r.contact.links},
                               {"location", r.contact.location}}},
              {"sections", ListJson(r.sections, SectionJson)},
              {"experience", ListJson(r.experience, ExperienceJson)},
              {"education", ListJson(r.education, EducationJson)},
              {"certifications", r.certifications},
              {"total_experience_months", r.total_experience_months},
              {"stated_years", OptionalJson(r.stated_years)},
              {"word_count", r.word_count}};
}

json RequirementJson(const model::Requirement& q) {
  return json{{"id", q.id},
              {"kind", model::RequirementKindName(q.kind)},
              {"importance", model::ImportanceName(q.importance)},
              {"name", q.name},
              {"skill_id", q.skill_id},
              {"skill_kind", q.skill_kind},
              {"years_min", OptionalJson(q.years_min)},
              {"core", q.core},
              {"degree_level", q.degree_level},
              {"span", SpanJson(q.span)},
              {"sentence_span", SpanJson(q.sentence_span)}};
}

json JobJson(const model::JobFacts& j) {
  return json{{"title", j.title},
              {"seniority", j.seniority},
              {"years_required", OptionalJson(j.years_required)},
              {"years_max", OptionalJson(j.years_max)},
              {"degree_level", j.degree_level},
              {"requirements", ListJson(j.requirements, RequirementJson)},
              {"title_span", SpanJson(j.title_span)}};
}

json EvidenceJson(const model::Evidence& e) {
  return json{{"span", SpanJson(e.span)}, {"section", e.section}, {"excerpt", e.excerpt}};
}

json MatchJson(const model::RequirementMatch& m) {
  return json{{"requirement_id", m.requirement_id},
              {"status", model::MatchStatusName(m.status)},
              {"credit", m.credit},
              {"evidence", ListJson(m.evidence, EvidenceJson)},
              {"years_found", OptionalJson(m.years_found)},
              {"related_skill", m.related_skill},
              {"explanation", m.explanation}};
}

json FactorJson(const model::ScoreFactor& f) {
  return json{{"id", f.id},       {"label", f.label},   {"weight", f.weight},
              {"score", f.score}, {"points", f.points}, {"explanation", f.explanation}};
}

json CheckJson(const model::Check& c) {
  return json{{"id", c.id},
              {"label", c.label},
              {"status", model::CheckStatusName(c.status)},
              {"message", c.message},
              {"spans", ListJson(c.spans, SpanJson)}};
}

}  // namespace

nlohmann::json ReportToJsonValue(const model::Report& r) {
  return json{
      {"engine_version", r.engine_version},
      {"taxonomy_version", r.taxonomy_version},
      {"score", json{{"total", r.score.total}, {"factors", ListJson(r.score.factors, FactorJson)}}},
      {"matches", ListJson(r.matches, MatchJson)},
      {"matched_skills", ListJson(r.matched_skills, MentionJson)},
      {"missing_skills", ListJson(r.missing_skills, MentionJson)},
      {"extra_skills", ListJson(r.extra_skills, MentionJson)},
      {"checks", ListJson(r.checks, CheckJson)},
      {"resume", ResumeJson(r.resume)},
      {"job", JobJson(r.job)},
      {"warnings", r.warnings}};
}

std::string ReportToJson(const model::Report& report, int indent) {
  // Replace invalid UTF-8 rather than throw: excerpts come from validated input, but the
  // encoder must never be the place where a request fails.
  return ReportToJsonValue(report).dump(indent, ' ', false,
                                        nlohmann::json::error_handler_t::replace);
}

nlohmann::json ChatTurnToJsonValue(const model::ChatTurn& t) {
  return json{{"role", t.role},
              {"content", t.content},
              {"mode", t.mode},
              {"complete", t.complete},
              {"created_at_ms", t.created_at_ms}};
}

}  // namespace rc::codec
