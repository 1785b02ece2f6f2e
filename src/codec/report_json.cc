// Mapping of model structs to JSON and back, field for field.
#include "codec/report_json.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
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

// Decoding. Each Decode overload reads one value at `path` into `out` and checks its JSON type
// first, so nlohmann's accessors never throw here.

// Where a value is, as a chain of nodes on the stack; turned into text ("report.matches[2].status")
// only for an error message, so decoding a valid report builds no path strings.
struct Path {
  const Path* parent = nullptr;
  const char* key = nullptr;  // a member name, or null for an array element
  std::size_t index = 0;

  std::string ToString() const {
    std::string out = parent != nullptr ? parent->ToString() : "";
    if (key == nullptr) return out + "[" + std::to_string(index) + "]";
    return parent != nullptr ? out + "." + key : key;
  }
};

Status TypeError(const Path& path, std::string_view expected, const json& got) {
  return InvalidArgumentError(path.ToString() + ": expected " + std::string(expected) + ", got " +
                              got.type_name());
}

Status Decode(const json& j, const Path& path, std::string* out) {
  if (!j.is_string()) return TypeError(path, "a string", j);
  *out = j.get_ref<const std::string&>();
  return Status::Ok();
}

Status Decode(const json& j, const Path& path, bool* out) {
  if (!j.is_boolean()) return TypeError(path, "a boolean", j);
  *out = j.get<bool>();
  return Status::Ok();
}

Status Decode(const json& j, const Path& path, int* out) {
  if (!j.is_number_integer()) return TypeError(path, "an integer", j);
  constexpr std::int64_t kMin = std::numeric_limits<int>::min();
  constexpr std::int64_t kMax = std::numeric_limits<int>::max();
  const bool in_range = j.is_number_unsigned()
                            ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(kMax)
                            : j.get<std::int64_t>() >= kMin && j.get<std::int64_t>() <= kMax;
  if (!in_range) return InvalidArgumentError(path.ToString() + ": integer out of range");
  *out = static_cast<int>(j.get<std::int64_t>());
  return Status::Ok();
}

Status Decode(const json& j, const Path& path, double* out) {
  if (!j.is_number()) return TypeError(path, "a number", j);
  *out = j.get<double>();
  return Status::Ok();
}

// An enum from its wire name: the model's name function is the only list of names.
template <typename E, std::size_t N>
Status DecodeEnum(const json& j, const Path& path, const std::array<E, N>& values,
                  const char* (*name)(E), E* out) {
  if (!j.is_string()) return TypeError(path, "a string", j);
  const std::string& text = j.get_ref<const std::string&>();
  for (E value : values) {
    if (text == name(value)) {
      *out = value;
      return Status::Ok();
    }
  }
  // The value is engine vocabulary, not a document; keep the message short all the same.
  constexpr std::size_t kMaxShown = 40;
  return InvalidArgumentError(path.ToString() + ": unknown value \"" + text.substr(0, kMaxShown) +
                              (text.size() > kMaxShown ? "...\"" : "\""));
}

// Every enumerator of each enum the report holds (a new enumerator belongs here too).
constexpr std::array kSkillKinds = {model::SkillKind::kHard,     model::SkillKind::kSoft,
                                    model::SkillKind::kTool,     model::SkillKind::kCertification,
                                    model::SkillKind::kLanguage, model::SkillKind::kDomain};
constexpr std::array kRequirementKinds = {
    model::RequirementKind::kSkill, model::RequirementKind::kExperience,
    model::RequirementKind::kEducation, model::RequirementKind::kCertification,
    model::RequirementKind::kOther};
constexpr std::array kImportances = {model::Importance::kRequired, model::Importance::kPreferred};
constexpr std::array kMatchStatuses = {model::MatchStatus::kMet, model::MatchStatus::kPartial,
                                       model::MatchStatus::kMissing};
constexpr std::array kCheckStatuses = {model::CheckStatus::kPass, model::CheckStatus::kWarn,
                                       model::CheckStatus::kFail};

Status Decode(const json& j, const Path& path, model::SkillKind* out) {
  return DecodeEnum(j, path, kSkillKinds, &model::SkillKindName, out);
}
Status Decode(const json& j, const Path& path, model::RequirementKind* out) {
  return DecodeEnum(j, path, kRequirementKinds, &model::RequirementKindName, out);
}
Status Decode(const json& j, const Path& path, model::Importance* out) {
  return DecodeEnum(j, path, kImportances, &model::ImportanceName, out);
}
Status Decode(const json& j, const Path& path, model::MatchStatus* out) {
  return DecodeEnum(j, path, kMatchStatuses, &model::MatchStatusName, out);
}
Status Decode(const json& j, const Path& path, model::CheckStatus* out) {
  return DecodeEnum(j, path, kCheckStatuses, &model::CheckStatusName, out);
}

// The structs, declared before the templates below so that they can find them.
Status Decode(const json& j, const Path& path, model::Span* out);
Status Decode(const json& j, const Path& path, model::YearMonth* out);
Status Decode(const json& j, const Path& path, model::SkillMention* out);
Status Decode(const json& j, const Path& path, model::Section* out);
Status Decode(const json& j, const Path& path, model::ExperienceEntry* out);
Status Decode(const json& j, const Path& path, model::EducationEntry* out);
Status Decode(const json& j, const Path& path, model::Contact* out);
Status Decode(const json& j, const Path& path, model::ResumeFacts* out);
Status Decode(const json& j, const Path& path, model::Requirement* out);
Status Decode(const json& j, const Path& path, model::JobFacts* out);
Status Decode(const json& j, const Path& path, model::Evidence* out);
Status Decode(const json& j, const Path& path, model::RequirementMatch* out);
Status Decode(const json& j, const Path& path, model::ScoreFactor* out);
Status Decode(const json& j, const Path& path, model::Score* out);
Status Decode(const json& j, const Path& path, model::Check* out);

// null is the empty optional.
template <typename T>
Status Decode(const json& j, const Path& path, std::optional<T>* out) {
  if (j.is_null()) {
    out->reset();
    return Status::Ok();
  }
  T value{};
  RC_RETURN_IF_ERROR(Decode(j, path, &value));
  *out = std::move(value);
  return Status::Ok();
}

template <typename T>
Status Decode(const json& j, const Path& path, std::vector<T>* out) {
  if (!j.is_array()) return TypeError(path, "an array", j);
  out->clear();
  out->reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    T item{};
    RC_RETURN_IF_ERROR(Decode(j[i], Path{&path, nullptr, i}, &item));
    out->push_back(std::move(item));
  }
  return Status::Ok();
}

// The members of one JSON object, read by key; the first error is kept and later reads are
// skipped, so a struct's decoder is a flat list of Field() calls.
class ObjectReader {
 public:
  ObjectReader(const json& j, const Path& path) : j_(j), path_(path) {
    if (!j_.is_object()) status_ = TypeError(path_, "an object", j_);
  }

  template <typename T>
  ObjectReader& Field(const char* key, T* out) {
    if (!status_.ok()) return *this;
    const Path member{&path_, key};
    const auto it = j_.find(key);
    if (it == j_.end()) {
      status_ = InvalidArgumentError(member.ToString() + " is missing");
    } else {
      status_ = Decode(*it, member, out);
    }
    return *this;
  }

  Status status() const { return status_; }

 private:
  const json& j_;
  const Path& path_;
  Status status_;
};

Status Decode(const json& j, const Path& path, model::Span* out) {
  return ObjectReader(j, path).Field("begin", &out->begin).Field("end", &out->end).status();
}

Status Decode(const json& j, const Path& path, model::YearMonth* out) {
  return ObjectReader(j, path).Field("year", &out->year).Field("month", &out->month).status();
}

Status Decode(const json& j, const Path& path, model::SkillMention* out) {
  return ObjectReader(j, path)
      .Field("skill_id", &out->skill_id)
      .Field("name", &out->name)
      .Field("kind", &out->kind)
      .Field("span", &out->span)
      .Field("section", &out->section)
      .status();
}

Status Decode(const json& j, const Path& path, model::Section* out) {
  return ObjectReader(j, path)
      .Field("kind", &out->kind)
      .Field("heading", &out->heading)
      .Field("heading_span", &out->heading_span)
      .Field("body_span", &out->body_span)
      .status();
}

Status Decode(const json& j, const Path& path, model::ExperienceEntry* out) {
  return ObjectReader(j, path)
      .Field("title", &out->title)
      .Field("employer", &out->employer)
      .Field("start", &out->start)
      .Field("end", &out->end)
      .Field("is_current", &out->is_current)
      .Field("months", &out->months)
      .Field("span", &out->span)
      .Field("header_span", &out->header_span)
      .Field("bullets", &out->bullets)
      .status();
}

Status Decode(const json& j, const Path& path, model::EducationEntry* out) {
  return ObjectReader(j, path)
      .Field("degree_level", &out->degree_level)
      .Field("field", &out->field)
      .Field("institution", &out->institution)
      .Field("graduation_year", &out->graduation_year)
      .Field("span", &out->span)
      .status();
}

Status Decode(const json& j, const Path& path, model::Contact* out) {
  return ObjectReader(j, path)
      .Field("name", &out->name)
      .Field("email", &out->email)
      .Field("phone", &out->phone)
      .Field("links", &out->links)
      .Field("location", &out->location)
      .status();
}

Status Decode(const json& j, const Path& path, model::ResumeFacts* out) {
  return ObjectReader(j, path)
      .Field("contact", &out->contact)
      .Field("sections", &out->sections)
      .Field("experience", &out->experience)
      .Field("education", &out->education)
      .Field("certifications", &out->certifications)
      .Field("total_experience_months", &out->total_experience_months)
      .Field("stated_years", &out->stated_years)
      .Field("word_count", &out->word_count)
      .status();
}

Status Decode(const json& j, const Path& path, model::Requirement* out) {
  return ObjectReader(j, path)
      .Field("id", &out->id)
      .Field("kind", &out->kind)
      .Field("importance", &out->importance)
      .Field("name", &out->name)
      .Field("skill_id", &out->skill_id)
      .Field("skill_kind", &out->skill_kind)
      .Field("years_min", &out->years_min)
      .Field("core", &out->core)
      .Field("degree_level", &out->degree_level)
      .Field("span", &out->span)
      .Field("sentence_span", &out->sentence_span)
      .status();
}

Status Decode(const json& j, const Path& path, model::JobFacts* out) {
  return ObjectReader(j, path)
      .Field("title", &out->title)
      .Field("seniority", &out->seniority)
      .Field("years_required", &out->years_required)
      .Field("years_max", &out->years_max)
      .Field("degree_level", &out->degree_level)
      .Field("requirements", &out->requirements)
      .Field("title_span", &out->title_span)
      .status();
}

Status Decode(const json& j, const Path& path, model::Evidence* out) {
  return ObjectReader(j, path)
      .Field("span", &out->span)
      .Field("section", &out->section)
      .Field("excerpt", &out->excerpt)
      .status();
}

Status Decode(const json& j, const Path& path, model::RequirementMatch* out) {
  return ObjectReader(j, path)
      .Field("requirement_id", &out->requirement_id)
      .Field("status", &out->status)
      .Field("credit", &out->credit)
      .Field("evidence", &out->evidence)
      .Field("years_found", &out->years_found)
      .Field("related_skill", &out->related_skill)
      .Field("explanation", &out->explanation)
      .status();
}

Status Decode(const json& j, const Path& path, model::ScoreFactor* out) {
  return ObjectReader(j, path)
      .Field("id", &out->id)
      .Field("label", &out->label)
      .Field("weight", &out->weight)
      .Field("score", &out->score)
      .Field("points", &out->points)
      .Field("explanation", &out->explanation)
      .status();
}

Status Decode(const json& j, const Path& path, model::Score* out) {
  return ObjectReader(j, path).Field("total", &out->total).Field("factors", &out->factors).status();
}

Status Decode(const json& j, const Path& path, model::Check* out) {
  return ObjectReader(j, path)
      .Field("id", &out->id)
      .Field("label", &out->label)
      .Field("status", &out->status)
      .Field("message", &out->message)
      .Field("spans", &out->spans)
      .status();
}

Status Decode(const json& j, const Path& path, model::Report* out) {
  return ObjectReader(j, path)
      .Field("engine_version", &out->engine_version)
      .Field("taxonomy_version", &out->taxonomy_version)
      .Field("score", &out->score)
      .Field("matches", &out->matches)
      .Field("matched_skills", &out->matched_skills)
      .Field("missing_skills", &out->missing_skills)
      .Field("extra_skills", &out->extra_skills)
      .Field("checks", &out->checks)
      .Field("resume", &out->resume)
      .Field("job", &out->job)
      .Field("warnings", &out->warnings)
      .status();
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

Result<model::Report> ReportFromJsonValue(const nlohmann::json& value) {
  try {
    model::Report report;
    RC_RETURN_IF_ERROR(Decode(value, Path{nullptr, "report"}, &report));
    return report;
  } catch (const json::exception& e) {
    // Not expected (every accessor is guarded by a type check), but never let one escape.
    return InvalidArgumentError(std::string("report could not be decoded: ") + e.what());
  }
}

Result<model::Report> ReportFromJson(std::string_view text) {
  json value;
  try {
    value = json::parse(text);
  } catch (const json::parse_error& e) {
    // The position only: nlohmann's message quotes the text it read.
    return InvalidArgumentError("report is not valid JSON (at byte " + std::to_string(e.byte) +
                                ")");
  } catch (const json::exception&) {
    return InvalidArgumentError("report is not valid JSON");
  }
  return ReportFromJsonValue(value);
}

nlohmann::json ChatTurnToJsonValue(const model::ChatTurn& t) {
  return json{{"role", t.role},
              {"content", t.content},
              {"mode", t.mode},
              {"complete", t.complete},
              {"created_at_ms", t.created_at_ms}};
}

}  // namespace rc::codec
