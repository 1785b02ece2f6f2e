// ResumeFacts: what the engine read from a resume.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/span.h"

namespace rc::model {

// A section of the resume, e.g. heading "WORK HISTORY" of kind "experience".
struct Section {
  std::string kind;     // summary, experience, education, skills, projects, certifications,
                        // contact, awards, publications, volunteer, languages, interests, other
  std::string heading;  // the heading as written ("" for the untitled top part)
  Span heading_span;
  Span body_span;
};

// A year and optional month (1-12; 0 when only the year is known).
struct YearMonth {
  int year = 0;
  int month = 0;
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
};

// One role in the experience section.
struct ExperienceEntry {
  std::string title;
  std::string employer;
  std::optional<YearMonth> start;
  std::optional<YearMonth> end;  // nullopt with is_current=false means unknown
  bool is_current = false;       // "Present", "Current", "Now"
  int months = 0;                // duration, 0 when dates are unknown
  Span span;                     // the whole entry (header and bullets)
  Span header_span;
  std::vector<Span> bullets;
};

struct EducationEntry {
  std::string degree_level;  // "doctorate", "master", "bachelor", "associate", "diploma",
                             // "certificate", or "" when unknown
  std::string field;         // e.g. "computer science"
  std::string institution;
  std::optional<int> graduation_year;
  Span span;
};

struct Contact {
  std::string name;
  std::string email;
  std::string phone;
  std::vector<std::string> links;  // LinkedIn, GitHub, portfolio URLs as written
  std::string location;
};

struct ResumeFacts {
  Contact contact;
  std::vector<Section> sections;
  std::vector<ExperienceEntry> experience;
  std::vector<EducationEntry> education;
  std::vector<std::string> certifications;
  int total_experience_months = 0;  // union of role date ranges (overlaps counted once)
  int word_count = 0;
  // Years of experience the resume states near its top ("4 years' experience", "10+ years of
  // development"), when it does; the score uses it when the dated roles add up to less.
  std::optional<double> stated_years;
};

}  // namespace rc::model
