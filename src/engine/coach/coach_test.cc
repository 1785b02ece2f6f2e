// Tests for the built-in coach: every intent on realistic sessions, escaping and determinism.
#include "engine/coach/coach.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "engine/coach/markdown_assertions.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine {
namespace {

using testing::ExpectInert;
using testing::Has;

std::string ReadTestData(const std::string& name) {
  std::ifstream in(std::string(RC_SOURCE_DIR) + "/src/engine/coach/testdata/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A small taxonomy of our own so the tests do not depend on the data files' contents.
std::shared_ptr<const Taxonomy> CoachTaxonomy() {
  static const std::shared_ptr<const Taxonomy> taxonomy = [] {
    std::vector<TaxonomyFile> files = {
        {"VERSION", "coach-test.1\n"},
        {"skills.tsv",
         "id\tname\tkind\tcategory\taliases\trelated\n"
         "python\tPython\thard\tlanguage\tpython3\tflask\n"
         "flask\tFlask\ttool\tframework\t\tpython\n"
         "postgresql\tPostgreSQL\ttool\tdatabase\tpostgres\tmysql|sql\n"
         "mysql\tMySQL\ttool\tdatabase\t\tpostgresql\n"
         "sql\tSQL\thard\tdatabase\t\tpostgresql\n"
         "redis\tRedis\ttool\tdatabase\t\t\n"
         "docker\tDocker\ttool\tcontainers\t\tkubernetes\n"
         "kubernetes\tKubernetes\ttool\tcontainers\tk8s\tdocker\n"
         "aws\tAWS\ttool\tcloud\tamazon web services\tterraform\n"
         "terraform\tTerraform\ttool\tcloud\t\taws\n"
         "kafka\tKafka\ttool\tstreaming\tapache kafka\t\n"
         "communication\tCommunication\tsoft\tinterpersonal\tcommunication skills\t\n"
         "epic\tEpic\ttool\tehr\tepic charting\t\n"
         "acls\tACLS\tcertification\tmedical\tadvanced cardiovascular life support\tbls\n"
         "bls\tBLS\tcertification\tmedical\tbasic life support\tacls\n"},
        {"context_rules.tsv", "id\trule\tvalue\n"},
    };
    auto loaded = LoadTaxonomy(files);
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? loaded.value() : nullptr;
  }();
  return taxonomy;
}

// The span of the `nth` occurrence of `needle` in `text` (fails the test when absent).
model::Span SpanOf(std::string_view text, std::string_view needle, int nth = 0) {
  std::size_t pos = text.find(needle);
  for (int i = 0; i < nth && pos != std::string_view::npos; ++i) pos = text.find(needle, pos + 1);
  EXPECT_NE(pos, std::string_view::npos) << needle;
  if (pos == std::string_view::npos) return {};
  return {static_cast<std::int32_t>(pos), static_cast<std::int32_t>(pos + needle.size())};
}

// The span of the whole line of `text` containing `needle`.
model::Span LineOf(std::string_view text, std::string_view needle) {
  model::Span s = SpanOf(text, needle);
  std::size_t b = text.rfind('\n', static_cast<std::size_t>(s.begin));
  b = b == std::string_view::npos ? 0 : b + 1;
  while (text[b] == '-' || text[b] == ' ') ++b;
  std::size_t e = text.find('\n', static_cast<std::size_t>(s.begin));
  if (e == std::string_view::npos) e = text.size();
  return {static_cast<std::int32_t>(b), static_cast<std::int32_t>(e)};
}

// A session: the documents and the engine's report for them, built by hand from the fixtures.
struct Session {
  std::string resume;
  std::string job;
  model::Report report;
  std::vector<model::ChatTurn> history;
};

model::Evidence Ev(const std::string& resume, std::string_view needle, const char* section) {
  model::Span line = LineOf(resume, needle);
  return {SpanOf(resume, needle), section,
          resume.substr(static_cast<std::size_t>(line.begin),
                        static_cast<std::size_t>(line.end - line.begin))};
}

void AddRequirement(Session& s, model::RequirementKind kind, model::Importance importance,
                    const std::string& name, const std::string& skill_id,
                    const std::string& skill_kind, std::string_view jd_needle,
                    model::MatchStatus status, std::vector<model::Evidence> evidence,
                    const std::string& explanation, const std::string& related = "") {
  model::Requirement req;
  req.id = "r" + std::to_string(s.report.job.requirements.size() + 1);
  req.kind = kind;
  req.importance = importance;
  req.name = name;
  req.skill_id = skill_id;
  req.skill_kind = skill_kind;
  req.span = SpanOf(s.job, jd_needle);
  req.sentence_span = LineOf(s.job, jd_needle);
  s.report.job.requirements.push_back(req);
  model::RequirementMatch m;
  m.requirement_id = req.id;
  m.status = status;
  m.credit = status == model::MatchStatus::kMet       ? 1.0
             : status == model::MatchStatus::kPartial ? 0.5
                                                      : 0.0;
  m.evidence = std::move(evidence);
  m.explanation = explanation;
  m.related_skill = related;
  s.report.matches.push_back(m);
}

model::ExperienceEntry Role(const std::string& resume, const std::string& title,
                            const std::string& employer, model::YearMonth start,
                            std::optional<model::YearMonth> end, bool current, int months,
                            std::string_view first, std::string_view last,
                            std::vector<std::string_view> bullets) {
  model::ExperienceEntry e;
  e.title = title;
  e.employer = employer;
  e.start = start;
  e.end = end;
  e.is_current = current;
  e.months = months;
  e.header_span = LineOf(resume, first);
  e.span = {e.header_span.begin, LineOf(resume, last).end};
  for (std::string_view b : bullets) e.bullets.push_back(LineOf(resume, b));
  return e;
}

model::Section Sec(const std::string& text, const char* kind, std::string_view heading,
                   std::string_view next_heading) {
  model::Section s;
  s.kind = kind;
  s.heading = std::string(heading);
  s.heading_span = SpanOf(text, heading);
  s.body_span = {s.heading_span.end, next_heading.empty() ? static_cast<std::int32_t>(text.size())
                                                          : SpanOf(text, next_heading).begin};
  return s;
}

Session BackendSession() {
  Session s;
  s.resume = ReadTestData("backend_resume.txt");
  s.job = ReadTestData("backend_job.txt");
  const std::string& r = s.resume;
  model::Report& rep = s.report;
  rep.engine_version = "test";
  rep.resume.contact = {"Dana Whitfield",
                        "dana.whitfield@example.com",
                        "(503) 555-0142",
                        {"linkedin.com/in/danawhitfield"},
                        "Portland, OR"};
  rep.resume.sections = {
      Sec(r, "summary", "SUMMARY", "EXPERIENCE"), Sec(r, "experience", "EXPERIENCE", "EDUCATION"),
      Sec(r, "education", "EDUCATION", "SKILLS"), Sec(r, "skills", "SKILLS", "")};
  rep.resume.experience = {
      Role(r, "Senior Software Engineer", "Larkspur Payments", {2021, 3}, std::nullopt, true, 69,
           "Senior Software Engineer, Larkspur", "Worked on the Docker",
           {"Designed and built a Python", "Responsible for managing the PostgreSQL",
            "Reduced API p95", "Mentored 4 junior", "Worked on the Docker"}),
      Role(r, "Software Engineer", "Trailhead Freight", {2017, 6}, model::YearMonth{2021, 2}, false,
           45, "Software Engineer, Trailhead", "Automated invoice exports",
           {"Developed REST APIs", "Duties included writing SQL", "Helped with on-call",
            "Automated invoice exports"})};
  rep.resume.education = {{"bachelor", "computer science", "Oregon State University", 2017,
                           LineOf(r, "B.S. Computer Science")}};
  rep.resume.total_experience_months = 114;
  rep.resume.word_count = 190;

  using K = model::RequirementKind;
  using I = model::Importance;
  using M = model::MatchStatus;
  AddRequirement(s, K::kExperience, I::kRequired, "5+ years overall", "", "",
                 "5+ years of professional", M::kMet, {},
                 "Your dated roles add up to about 9.5 years.");
  s.report.job.requirements.back().years_min = 5;
  AddRequirement(s, K::kSkill, I::kRequired, "Python", "python", "hard", "Strong Python", M::kMet,
                 {Ev(r, "Python payment", "experience"), Ev(r, "Python and Flask", "experience")},
                 "Shown in 2 experience bullets at Larkspur Payments and Trailhead Freight.");
  AddRequirement(s, K::kSkill, I::kRequired, "PostgreSQL", "postgresql", "tool",
                 "Experience with PostgreSQL", M::kMet,
                 {Ev(r, "PostgreSQL migration", "experience")},
                 "Shown in an experience bullet at Larkspur Payments.");
  AddRequirement(s, K::kSkill, I::kRequired, "Kubernetes", "kubernetes", "tool",
                 "Kubernetes and Docker", M::kMissing, {}, "Not found in the resume.");
  AddRequirement(s, K::kSkill, I::kRequired, "Docker", "docker", "tool", "Docker in production",
                 M::kMet, {Ev(r, "Docker-based", "experience")},
                 "Shown in an experience bullet at Larkspur Payments.");
  AddRequirement(s, K::kSkill, I::kRequired, "AWS", "aws", "tool", "Hands-on AWS", M::kMissing, {},
                 "Not found in the resume.");
  AddRequirement(s, K::kEducation, I::kRequired, "Bachelor's degree in computer science", "", "",
                 "Bachelor's degree", M::kMet, {Ev(r, "B.S. Computer Science", "education")},
                 "B.S. Computer Science, Oregon State University.");
  AddRequirement(s, K::kSkill, I::kPreferred, "Terraform", "terraform", "tool", "Terraform",
                 M::kMissing, {}, "Not found in the resume.");
  AddRequirement(s, K::kSkill, I::kPreferred, "Kafka", "kafka", "tool", "Experience with Kafka",
                 M::kMissing, {}, "Not found in the resume.");
  AddRequirement(s, K::kSkill, I::kPreferred, "Communication", "communication", "soft",
                 "communication skills", M::kMissing, {}, "Not found in the resume.");
  rep.job.title = "Senior Backend Engineer";
  rep.job.seniority = "senior";
  rep.job.years_required = 5;
  rep.job.degree_level = "bachelor";
  for (const char* k : {"Kubernetes", "AWS"}) {
    rep.missing_skills.push_back({k == std::string("AWS") ? "aws" : "kubernetes", k,
                                  model::SkillKind::kTool, SpanOf(s.job, k, 0), "requirements"});
    rep.missing_skills.push_back({k == std::string("AWS") ? "aws" : "kubernetes", k,
                                  model::SkillKind::kTool, SpanOf(s.job, k, 1), "requirements"});
  }
  rep.matched_skills.push_back(
      {"docker", "Docker", model::SkillKind::kTool, SpanOf(r, "Docker"), "experience"});
  rep.extra_skills.push_back(
      {"redis", "Redis", model::SkillKind::kTool, SpanOf(r, "Redis"), "experience"});
  rep.score.total = 68;
  rep.score.factors = {
      {"hard_skills", "Hard skills", 0.45, 0.6, 27.0, "3 of 5 required hard skills are shown."},
      {"soft_skills", "Soft skills", 0.10, 0.0, 0.0, "Communication is not shown."},
      {"title", "Job title", 0.15, 0.8, 12.0, "Senior Software Engineer is close to the title."},
      {"experience_years", "Experience", 0.15, 1.0, 15.0, "About 9.5 years against 5 asked."},
      {"education", "Education", 0.15, 1.0, 15.0, "Bachelor's degree as asked."}};
  rep.checks = {
      {"weak_phrases",
       "Weak phrases",
       model::CheckStatus::kWarn,
       "2 bullets start with filler such as \"Responsible for\".",
       {SpanOf(r, "Responsible for"), SpanOf(r, "Duties included")}},
      {"contact_info", "Contact info", model::CheckStatus::kPass, "E-mail and phone found.", {}}};
  return s;
}

Session NurseSession() {
  Session s;
  s.resume = ReadTestData("nurse_resume.txt");
  s.job = ReadTestData("nurse_job.txt");
  const std::string& r = s.resume;
  model::Report& rep = s.report;
  rep.resume.contact.name = "Maria Lopez";
  rep.resume.sections = {Sec(r, "summary", "PROFESSIONAL SUMMARY", "WORK HISTORY"),
                         Sec(r, "experience", "WORK HISTORY", "EDUCATION"),
                         Sec(r, "education", "EDUCATION", "LICENSES"),
                         Sec(r, "certifications", "LICENSES & CERTIFICATIONS", "")};
  rep.resume.experience = {
      Role(
          r, "Registered Nurse", "Mercy Lakeside Hospital", {2020, 1}, std::nullopt, true, 83,
          "Registered Nurse \u2014 Mercy", "Charted in Epic",
          {"Provide patient care", "Responsible for medication", "Precepted 5", "Charted in Epic"}),
      Role(r, "Patient Care Technician", "Northside Clinic", {2017, 6}, model::YearMonth{2019, 12},
           false, 31, "Patient Care Technician \u2014", "Helped patients",
           {"Assisted with vital signs", "Helped patients"})};
  rep.resume.total_experience_months = 114;
  rep.resume.certifications = {"Registered Nurse License, Illinois", "Basic Life Support (BLS)"};
  using K = model::RequirementKind;
  using I = model::Importance;
  using M = model::MatchStatus;
  AddRequirement(s, K::kCertification, I::kRequired, "RN license", "", "certification",
                 "RN license", M::kMet, {Ev(r, "Registered Nurse License", "certifications")},
                 "Registered Nurse License, Illinois.");
  AddRequirement(s, K::kCertification, I::kRequired, "BLS", "bls", "certification", "BLS", M::kMet,
                 {Ev(r, "Basic Life Support", "certifications")}, "Basic Life Support (BLS).");
  AddRequirement(s, K::kCertification, I::kRequired, "ACLS", "acls", "certification", "ACLS",
                 M::kMissing, {}, "Not found in the resume.");
  AddRequirement(s, K::kSkill, I::kRequired, "Epic", "epic", "tool", "Epic charting", M::kMet,
                 {Ev(r, "Charted in Epic", "experience")}, "Shown at Mercy Lakeside Hospital.");
  AddRequirement(s, K::kOther, I::kPreferred, "Critical care experience", "", "", "Critical care",
                 M::kMissing, {}, "Not found in the resume.");
  rep.job.title = "Registered Nurse - Intensive Care Unit";
  rep.score.total = 71;
  return s;
}

CoachAnswer Ask(const Session& s, std::string_view question) {
  Coach coach(CoachTaxonomy());
  return coach.Answer({s.resume, s.job, &s.report, &s.history, question});
}

// Numbers in `answer` that appear in neither document nor `allowed`.
std::set<std::string> InventedNumbers(const std::string& answer, const Session& s,
                                      std::set<std::string> allowed = {}) {
  std::set<std::string> invented;
  std::string n;
  for (std::size_t i = 0; i <= answer.size(); ++i) {
    if (i < answer.size() && answer[i] >= '0' && answer[i] <= '9') {
      n.push_back(answer[i]);
      continue;
    }
    if (!n.empty() && !Has(s.resume, n) && !Has(s.job, n) && !allowed.count(n)) {
      invented.insert(n);
    }
    n.clear();
  }
  return invented;
}

TEST(CoachTest, MissingSkillsListsRequiredGapsFirst) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "What am I missing for this job?");
  EXPECT_EQ(a.intent, "missing_skills");
  ASSERT_TRUE(Has(a.markdown, "Kubernetes")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "AWS"));
  EXPECT_TRUE(Has(a.markdown, "Terraform"));
  EXPECT_TRUE(Has(a.markdown, "Kafka"));
  EXPECT_LT(a.markdown.find("Kubernetes"), a.markdown.find("Terraform"));
  EXPECT_TRUE(Has(a.markdown, "meets 5, partly meets 0 and misses 5"));
  EXPECT_TRUE(Has(a.markdown, "Experience with Kafka"));  // quotes the JD line
  EXPECT_FALSE(Has(a.markdown, "**Python**"));
}

TEST(CoachTest, QualificationExplainsTheScore) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Am I qualified for this role?");
  EXPECT_EQ(a.intent, "qualification");
  EXPECT_TRUE(Has(a.markdown, "68/100")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "You meet 5 of 7 required and 0 of 3 preferred requirements"));
  EXPECT_TRUE(Has(a.markdown, "| Hard skills | 45% | 60% | 27.0 |"));
  EXPECT_TRUE(Has(a.markdown, "**Kubernetes** (missing)"));
  EXPECT_TRUE(
      Has(a.markdown, "the job asks for 5+ years; your dated roles add up to about 9.5 years"));
  CoachAnswer explain = Ask(s, "explain my score");
  EXPECT_EQ(explain.intent, "qualification");
}

TEST(CoachTest, StatedYearsWhenRolesHaveNoDates) {
  Session s = BackendSession();
  s.report.resume.total_experience_months = 0;
  s.report.resume.stated_years = 9.0;
  CoachAnswer a = Ask(s, "Am I qualified for this role?");
  EXPECT_TRUE(Has(a.markdown, "the job asks for 5+ years; your resume states 9 years"))
      << a.markdown;
  CoachAnswer years = Ask(s, "how many years do they want");
  EXPECT_TRUE(Has(years.markdown, "Your resume states 9 years.")) << years.markdown;
}

TEST(CoachTest, ImproveExperienceRewritesTheWeakBullets) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "How can I improve my experience section?");
  EXPECT_EQ(a.intent, "improve_section");
  EXPECT_TRUE(Has(a.markdown, "Responsible for managing the PostgreSQL migration")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "Managed the PostgreSQL migration of the billing database"));
  EXPECT_TRUE(Has(a.markdown, "Wrote SQL reports for the operations team"));
  EXPECT_TRUE(Has(a.markdown, "9 bullets"));
  EXPECT_TRUE(Has(a.markdown, "Weak phrases"));
}

TEST(CoachTest, ImproveSummaryNamesTheTargetRoleAndMissingSkills) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "How do I make my summary better?");
  EXPECT_EQ(a.intent, "improve_section");
  EXPECT_TRUE(Has(a.markdown, "Backend engineer who builds reliable services")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "**Senior Backend Engineer**"));
  EXPECT_TRUE(Has(a.markdown, "**PostgreSQL**"));
  EXPECT_TRUE(Has(a.markdown, "It has no number"));
}

TEST(CoachTest, ImproveSkillsAndEducationAndContact) {
  Session s = BackendSession();
  CoachAnswer skills = Ask(s, "Any tips for my skills section?");
  EXPECT_TRUE(Has(skills.markdown, "**Kubernetes** (required)")) << skills.markdown;
  EXPECT_TRUE(Has(skills.markdown, "only if you have really used them"));
  CoachAnswer edu = Ask(s, "How can I improve my education section?");
  EXPECT_TRUE(Has(edu.markdown,
                  "bachelor's degree in computer science from Oregon State "
                  "University"))
      << edu.markdown;
  CoachAnswer contact = Ask(s, "review my contact details");
  EXPECT_TRUE(Has(contact.markdown, "an e-mail address")) << contact.markdown;
  CoachAnswer whole = Ask(s, "How can I improve my resume?");
  EXPECT_TRUE(Has(whole.markdown, "The job requires **Kubernetes**")) << whole.markdown;
}

TEST(CoachTest, RewriteBulletDropsFillerAndAsksForTheMetric) {
  Session s = BackendSession();
  CoachAnswer a =
      Ask(s, "Rewrite this bullet: Responsible for managing the weekly payroll reports");
  EXPECT_EQ(a.intent, "rewrite_bullet");
  EXPECT_TRUE(Has(a.markdown, "**After:** Managed the weekly payroll reports")) << a.markdown;
  std::string after = a.markdown.substr(a.markdown.find("**After:**"));
  after = after.substr(0, after.find('\n'));
  EXPECT_FALSE(Has(after, "esponsible for"));
  EXPECT_TRUE(Has(a.markdown, "**Add the result:**"));
  EXPECT_TRUE(InventedNumbers(a.markdown, s).empty());
  for (char c : a.markdown) EXPECT_FALSE(c >= '0' && c <= '9') << a.markdown;
}

TEST(CoachTest, RewriteSeveralPastedBullets) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s,
                      "Rewrite these bullets:\n- Responsible for the release calendar\n"
                      "- Helped with hiring interviews\n- Reduced build time by 40%");
  EXPECT_EQ(a.intent, "rewrite_bullet");
  EXPECT_TRUE(Has(a.markdown, "\u2192 \u201cOwned the release calendar\u201d")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "\u2192 \u201cContributed to hiring interviews\u201d"));
  EXPECT_TRUE(Has(a.markdown, "\u2192 \u201cReduced build time by 40%\u201d\n"));
  EXPECT_TRUE(InventedNumbers(a.markdown, s, {"40"}).empty());
}

TEST(CoachTest, RewriteWithoutABulletPicksTheResumesWeakestOnes) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Can you rewrite my weakest bullets?");
  EXPECT_EQ(a.intent, "rewrite_bullet");
  EXPECT_TRUE(Has(a.markdown, "Responsible for managing the PostgreSQL")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "Supported on-call rotation and incident reviews"));
}

TEST(CoachTest, DraftSummaryUsesOnlyResumeFacts) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Draft a professional summary for me");
  EXPECT_EQ(a.intent, "draft_summary");
  EXPECT_TRUE(Has(a.markdown,
                  "> Senior Software Engineer with 9+ years of experience, most "
                  "recently at Larkspur Payments and Trailhead Freight."))
      << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "Skilled in Python, PostgreSQL, Docker and Redis."));
  EXPECT_TRUE(Has(a.markdown, "Seeking a Senior Backend Engineer role."));
  EXPECT_TRUE(InventedNumbers(a.markdown, s, {"9"}).empty());
}

TEST(CoachTest, CoverLetterUsesTheRealEmployerAndNoInventedNumbers) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Write me a cover letter");
  EXPECT_EQ(a.intent, "cover_letter");
  EXPECT_TRUE(Has(a.markdown, "Larkspur Payments")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "position at Meridian Health Analytics"));
  EXPECT_TRUE(Has(a.markdown, "Senior Backend Engineer"));
  EXPECT_TRUE(Has(a.markdown, "> Dana Whitfield"));
  EXPECT_FALSE(Has(a.markdown, "[Company]"));
  EXPECT_TRUE(Has(a.markdown, "The job also requires **Kubernetes** and **AWS**"));
  EXPECT_TRUE(InventedNumbers(a.markdown, s, {"9"}).empty())
      << *InventedNumbers(a.markdown, s, {"9"}).begin();
}

TEST(CoachTest, CoverLetterUsesPlaceholdersOnlyWhereFactsAreAbsent) {
  Session s = NurseSession();
  CoachAnswer a = Ask(s, "can you draft a covering letter?");
  EXPECT_EQ(a.intent, "cover_letter");
  EXPECT_TRUE(Has(a.markdown, "[Company]")) << a.markdown;
  EXPECT_FALSE(Has(a.markdown, "[Your Name]"));
  EXPECT_TRUE(Has(a.markdown, "Maria Lopez"));
  EXPECT_TRUE(Has(a.markdown, "Mercy Lakeside Hospital"));
  EXPECT_TRUE(Has(a.markdown, "Epic"));
}

TEST(CoachTest, InterviewQuestionsComeFromTheRequirements) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "What interview questions should I expect?");
  EXPECT_EQ(a.intent, "interview_questions");
  EXPECT_TRUE(Has(a.markdown, "This role uses Kubernetes.")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "This role uses AWS."));
  EXPECT_TRUE(Has(a.markdown, "Tell me about a project where you used Python."));
  EXPECT_TRUE(Has(a.markdown, "Why are you interested in this Senior Backend Engineer role?"));
  EXPECT_LT(a.markdown.find("Kubernetes"), a.markdown.find("Python"));
}

TEST(CoachTest, WhereDoesMyResumeShowQuotesTheLines) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Where does my resume show postgres?");
  EXPECT_EQ(a.intent, "find_in_resume");
  EXPECT_TRUE(Has(a.markdown, "## PostgreSQL in your resume")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "in 2 places"));
  EXPECT_TRUE(Has(a.markdown, "(Senior Software Engineer at Larkspur Payments)"));
  EXPECT_TRUE(Has(a.markdown, "(skills)"));
  EXPECT_TRUE(Has(a.markdown, "rates it **met**"));
}

TEST(CoachTest, WhereDoesMyResumeShowSaysWhenItIsAbsent) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Do I have Kubernetes experience?");
  EXPECT_EQ(a.intent, "find_in_resume");
  EXPECT_TRUE(Has(a.markdown, "Your resume does not mention **Kubernetes**")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "as required"));
  EXPECT_TRUE(Has(a.markdown, "related **Docker**"));
}

TEST(CoachTest, WhatDoesTheJobSayAboutATerm) {
  Session s = BackendSession();
  CoachAnswer kafka = Ask(s, "What does the job description say about Kafka?");
  EXPECT_EQ(kafka.intent, "requirement_detail");
  EXPECT_TRUE(Has(kafka.markdown, "## Kafka (preferred)")) << kafka.markdown;
  EXPECT_TRUE(Has(kafka.markdown, "Experience with Kafka"));
  CoachAnswer graphql = Ask(s, "What does the JD say about GraphQL?");
  EXPECT_EQ(graphql.intent, "find_in_job");
  EXPECT_TRUE(Has(graphql.markdown, "does not mention **graphql**")) << graphql.markdown;
  CoachAnswer staffing = Ask(s, "what does the posting say about staffing");
  EXPECT_TRUE(Has(staffing.markdown, "help hospitals plan staffing")) << staffing.markdown;
}

TEST(CoachTest, LearnFirstOrdersRequiredBeforePreferred) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "What should I learn first?");
  EXPECT_EQ(a.intent, "learn_first");
  std::size_t k8s = a.markdown.find("1. **Kubernetes** (required, missing)");
  ASSERT_NE(k8s, std::string::npos) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "2. **AWS** (required, missing)"));
  EXPECT_LT(a.markdown.find("**AWS**"), a.markdown.find("**Terraform**"));
  EXPECT_LT(a.markdown.find("**Terraform**"), a.markdown.find("**Communication**"));
  EXPECT_TRUE(Has(a.markdown, "you already show **Docker**"));
}

TEST(CoachTest, StrengthsListMetRequirementsWithEvidence) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "What are my strengths for this role?");
  EXPECT_EQ(a.intent, "strengths");
  EXPECT_TRUE(Has(a.markdown, "**Python** (required): \u201cDesigned and built a Python payment"))
      << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "You also show **Redis**"));
  EXPECT_FALSE(Has(a.markdown, "**Kubernetes**"));
  s.history = {{"user", "What are my strengths?", "", true, 1}};
  CoachAnswer second = Ask(s, "tell me more about the second one");
  EXPECT_TRUE(Has(second.markdown, "## Python (required)")) << second.markdown;
}

TEST(CoachTest, JobSummaryListsWhatTheJobAsksFor) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Can you summarize the job description?");
  EXPECT_EQ(a.intent, "job_summary");
  EXPECT_TRUE(Has(a.markdown, "**Role:** Senior Backend Engineer (senior level)")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "**Experience:** 5+ years"));
  EXPECT_TRUE(Has(a.markdown, "- Kubernetes (not shown)"));
  EXPECT_TRUE(Has(a.markdown, "**Preferred:**\n- Terraform (not shown)"));
}

TEST(CoachTest, DatesFormatAndProofreading) {
  Session s = BackendSession();
  CoachAnswer gap = Ask(s, "How do I explain a gap in my employment?");
  EXPECT_EQ(gap.intent, "improve_section");
  EXPECT_TRUE(Has(gap.markdown, "Senior Software Engineer at Larkspur Payments: 2021 to present"))
      << gap.markdown;
  EXPECT_TRUE(Has(gap.markdown, "Software Engineer at Trailhead Freight: 2017 to 2021"));
  CoachAnswer format = Ask(s, "Is my resume ATS friendly?");
  EXPECT_TRUE(Has(format.markdown, "about 190 words in 4 sections")) << format.markdown;
  EXPECT_TRUE(Has(format.markdown, "**Weak phrases** (warn)"));
  CoachAnswer proof = Ask(s, "Can you proofread my resume for typos?");
  EXPECT_EQ(proof.intent, "needs_llm");
  EXPECT_TRUE(Has(proof.markdown, "does not check spelling")) << proof.markdown;
}

TEST(CoachTest, FollowUpsReferToThePreviousList) {
  Session s = BackendSession();
  s.history = {{"user", "What am I missing?", "", true, 1},
               {"assistant", Ask(s, "What am I missing?").markdown, "builtin", true, 2}};
  CoachAnswer second = Ask(s, "and the second one?");
  EXPECT_EQ(second.intent, "follow_up");
  EXPECT_TRUE(Has(second.markdown, "## AWS (required)")) << second.markdown;
  EXPECT_TRUE(Has(second.markdown, "Hands-on AWS experience"));
  EXPECT_TRUE(Has(second.markdown, "**Likely interview question:** This role uses AWS."));
  CoachAnswer more = Ask(s, "tell me more");
  EXPECT_TRUE(Has(more.markdown, "## Kubernetes (required)")) << more.markdown;
  CoachAnswer out_of_range = Ask(s, "what about the sixth one?");
  EXPECT_TRUE(Has(out_of_range.markdown, "listed 5 items")) << out_of_range.markdown;

  s.history = {{"user", "Am I qualified?", "", true, 1}};
  CoachAnswer detail = Ask(s, "tell me more");
  EXPECT_TRUE(Has(detail.markdown, "3 of 5 required hard skills are shown.")) << detail.markdown;
}

TEST(CoachTest, FollowUpWithoutHistorySaysSo) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "and the second one?");
  EXPECT_EQ(a.intent, "follow_up");
  EXPECT_TRUE(Has(a.markdown, "no earlier question")) << a.markdown;
}

TEST(CoachTest, GreetingsAndThanks) {
  Session s = BackendSession();
  CoachAnswer hi = Ask(s, "Hi!");
  EXPECT_EQ(hi.intent, "greeting");
  EXPECT_TRUE(Has(hi.markdown, "68/100"));
  CoachAnswer thanks = Ask(s, "thanks, that helps");
  EXPECT_EQ(thanks.intent, "thanks");
  EXPECT_TRUE(Has(thanks.markdown, "**Kubernetes**")) << thanks.markdown;
}

TEST(CoachTest, QuestionsThatNeedAnLlmSaySoPlainly) {
  Session s = BackendSession();
  CoachAnswer french = Ask(s, "Translate my resume to French");
  EXPECT_EQ(french.intent, "needs_llm");
  EXPECT_TRUE(Has(french.markdown, "cannot do translation")) << french.markdown;
  EXPECT_TRUE(Has(french.markdown, "What am I missing?"));
  CoachAnswer poem = Ask(s, "write a poem about my job search");
  EXPECT_EQ(poem.intent, "needs_llm");
  CoachAnswer salary = Ask(s, "What salary should I ask for?");
  EXPECT_EQ(salary.intent, "needs_llm");
  EXPECT_TRUE(Has(salary.markdown, "no salary data"));
  EXPECT_TRUE(Has(salary.markdown, "Salary range: $150,000 - $180,000")) << salary.markdown;
  CoachAnswer nurse_salary = Ask(NurseSession(), "what's the pay range for nurses?");
  EXPECT_TRUE(Has(nurse_salary.markdown, "does not mention pay")) << nurse_salary.markdown;
}

TEST(CoachTest, OtherQuestionsGetTheMostRelevantLines) {
  Session s = BackendSession();
  CoachAnswer a = Ask(s, "Anything about hospital staffing data?");
  EXPECT_EQ(a.intent, "fallback_relevant_lines");
  EXPECT_TRUE(Has(a.markdown, "help hospitals plan staffing")) << a.markdown;
  EXPECT_TRUE(Has(a.markdown, "**From the job description**"));
  CoachAnswer nothing = Ask(s, "zebra quasar?");
  EXPECT_EQ(nothing.intent, "fallback_relevant_lines");
  EXPECT_TRUE(Has(nothing.markdown, "could not find anything")) << nothing.markdown;
  CoachAnswer named = Ask(s, "thoughts on Terraform?");
  EXPECT_EQ(named.intent, "requirement_detail");
  EXPECT_TRUE(Has(named.markdown, "## Terraform (preferred)"));
}

TEST(CoachTest, HostileMarkdownInTheDocumentsComesOutInert) {
  Session s = BackendSession();
  s.resume +=
      "\nPROJECTS\n- Built ![x](http://evil.example/a.png) dashboards <script>alert(1)"
      "</script> [click](javascript:alert(1))\n";
  s.job +=
      "\n- Dashboards: <img src=x onerror=alert(1)> see [here](http://evil.example) or "
      "www.evil.example\n";
  for (const char* q :
       {"Where does my resume show dashboards?", "what about dashboards",
        "What does the job say about dashboards?",
        "Rewrite this bullet: Built ![x](http://evil.example/a.png) dashboards <b>x</b>"}) {
    CoachAnswer a = Ask(s, q);
    EXPECT_TRUE(Has(a.markdown, "dashboards") || Has(a.markdown, "Dashboards")) << q;
    ExpectInert(a.markdown);
  }
}

TEST(CoachTest, HostileNamesInTheReportAreEscaped) {
  Session s = BackendSession();
  s.report.job.requirements[3].name = "<img src=x onerror=alert(1)>";
  s.report.resume.experience[0].employer = "[Evil](http://evil.example)";
  for (const char* q : {"What am I missing?", "Draft a cover letter", "Draft a summary",
                        "what should I learn first", "interview questions?"}) {
    CoachAnswer a = Ask(s, q);
    EXPECT_TRUE(Has(a.markdown, "\\<img") || Has(a.markdown, "`[Evil](http://evil.example)`")) << q;
    ExpectInert(a.markdown);
  }
}

TEST(CoachTest, AnswersAreDeterministic) {
  Session s = BackendSession();
  s.history = {{"user", "What am I missing?", "", true, 1}};
  const char* questions[] = {"What am I missing?",
                             "Am I qualified?",
                             "improve my experience",
                             "Rewrite this bullet: Helped with audits",
                             "Draft a summary",
                             "Write a cover letter",
                             "interview questions",
                             "Do I have SQL?",
                             "What does the JD say about AWS?",
                             "what should I learn first",
                             "the third one",
                             "hello",
                             "thanks",
                             "translate to German",
                             "what about data and hospitals",
                             "what are my strengths",
                             "summarize the job",
                             "how many years do they want",
                             "how do I explain a gap in my employment"};
  Coach first(CoachTaxonomy());
  Coach second(CoachTaxonomy());
  for (const char* q : questions) {
    CoachInput in{s.resume, s.job, &s.report, &s.history, q};
    CoachAnswer a = first.Answer(in);
    CoachAnswer b = first.Answer(in);
    CoachAnswer c = second.Answer(in);
    EXPECT_EQ(a.markdown, b.markdown) << q;
    EXPECT_EQ(a.markdown, c.markdown) << q;
    EXPECT_EQ(a.intent, c.intent) << q;
    EXPECT_FALSE(a.markdown.empty()) << q;
  }
}

TEST(CoachTest, SpansOutsideTheTextsAreHarmless) {
  Session s = BackendSession();
  for (model::Requirement& r : s.report.job.requirements) {
    r.span = {-5, 100000};
    r.sentence_span = {90000, 90010};
  }
  for (model::RequirementMatch& m : s.report.matches) {
    for (model::Evidence& e : m.evidence) {
      e.span = {200000, 1};
      e.excerpt.clear();
    }
  }
  for (model::ExperienceEntry& e : s.report.resume.experience) {
    for (model::Span& b : e.bullets) b = {70000, 70100};
  }
  for (model::Section& sec : s.report.resume.sections) sec.body_span = {-1, 1 << 30};
  for (const char* q :
       {"What am I missing?", "Am I qualified?", "improve my experience", "improve my summary",
        "Draft a summary", "Write a cover letter", "interview questions",
        "Where does my resume show Python?", "What does the JD say about AWS?",
        "what should I learn first", "rewrite my bullets", "hospital data"}) {
    CoachAnswer a = Ask(s, q);
    EXPECT_FALSE(a.markdown.empty()) << q;
  }
}

TEST(CoachTest, WorksWithoutReportHistoryOrTaxonomy) {
  Coach coach(nullptr);
  for (const char* q : {"What am I missing?", "Am I qualified?", "Draft a cover letter",
                        "Draft a summary", "where does my resume show Python", "tell me more",
                        "interview questions", "improve my skills section", ""}) {
    CoachAnswer a =
        coach.Answer({"Python developer\n- Built APIs", "We need Python", nullptr, nullptr, q});
    EXPECT_FALSE(a.markdown.empty()) << q;
    EXPECT_FALSE(a.intent.empty()) << q;
  }
  CoachAnswer a = coach.Answer(
      {"Python developer\n- Built APIs", "", nullptr, nullptr, "where does my resume show Python"});
  EXPECT_TRUE(Has(a.markdown, "Python developer")) << a.markdown;
}

}  // namespace
}  // namespace rc::engine
