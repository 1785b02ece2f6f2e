// Analyzer: the pipeline assembled in one place.
#include "engine/analyzer.h"

#include "engine/checks/resume_checks.h"
#include "engine/extract/skill_extractor.h"
#include "engine/match/matcher.h"
#include "engine/parse/jd_layout.h"
#include "engine/parse/jd_parser.h"
#include "engine/parse/resume_segmenter.h"
#include "engine/report/markdown.h"
#include "engine/score/scorer.h"
#include "engine/text/document.h"
#include "engine/version.h"

namespace rc::engine {

Analyzer::Analyzer(std::shared_ptr<const Taxonomy> taxonomy) : taxonomy_(std::move(taxonomy)) {}

Analysis Analyzer::Analyze(std::string_view resume, std::string_view job_description) const {
  return Analyze(resume, job_description, kReferenceMonth);
}

Analysis Analyzer::Analyze(std::string_view resume, std::string_view job_description,
                           model::YearMonth today) const {
  Analysis out;
  model::Report& report = out.report;
  report.engine_version = kEngineVersion;
  report.taxonomy_version = taxonomy_ ? taxonomy_->version() : "";
  static const Taxonomy kEmpty;
  const Taxonomy& taxonomy = taxonomy_ ? *taxonomy_ : kEmpty;

  const Document resume_doc = MakeDocument(resume);
  const Document job_doc = MakeJobDocument(job_description);
  const ParsedResume parsed_resume = ParseResume(resume_doc, today);
  const std::vector<SkillHit> resume_hits =
      FindSkills(taxonomy, resume_doc, parsed_resume.skills_lines);
  const ParsedJob parsed_job = ParseJob(taxonomy, job_doc);
  const MatchResult matches =
      MatchRequirements(taxonomy, resume_doc, parsed_resume, resume_hits, job_doc, parsed_job);

  report.score = ComputeScore(parsed_job, matches, parsed_resume, resume_doc);
  report.matches = matches.matches;
  report.matched_skills = matches.matched_skills;
  report.missing_skills = matches.missing_skills;
  report.extra_skills = matches.extra_skills;
  report.checks = RunResumeChecks(resume_doc, parsed_resume);
  report.resume = parsed_resume.facts;
  report.job = parsed_job.facts;

  if (resume_doc.tok.tokens.empty()) report.warnings.push_back("the resume is empty");
  if (job_doc.tok.tokens.empty()) report.warnings.push_back("the job description is empty");
  if (!job_doc.tok.tokens.empty() && !parsed_job.has_requirements_section) {
    report.warnings.push_back(
        "the job description has no requirements section; requirements were read from the "
        "whole text");
  }
  if (matches.list_only_skills >= 3 && matches.list_only_skills > matches.evidenced_skills) {
    report.warnings.push_back(
        std::to_string(matches.list_only_skills) +
        " of the skills the job asks for appear only in your Skills list, with no role or "
        "project that shows them; they earn half credit");
  }
  out.markdown = RenderMarkdown(report);
  return out;
}

}  // namespace rc::engine
