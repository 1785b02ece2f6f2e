// A small, hand-built report over non-ASCII texts, shared by the unit tests.
import type { Report, Span } from "../types/api";

export const sampleResume =
  "José Müller — Platform Engineer\n\nEXPERIENCE\nLed the café-ordering team; built Python services 🚀.\nUsed PostgreSQL daily.\n\nSKILLS\nPython, Go, Terraform";
export const sampleJob =
  "Senior Platform Engineer (m/w/d)\n\nRequirements\n- 5+ years of Python\n- Kubernetes in production\n- Nice to have: PostgreSQL";

/** The UTF-8 byte span of the first occurrence of `needle` in `text`. */
export function byteSpan(text: string, needle: string): Span {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const enc = new TextEncoder();
  const begin = enc.encode(text.slice(0, at)).length;
  return { begin, end: begin + enc.encode(needle).length };
}

const none: Span = { begin: 0, end: 0 };

export const sampleReport: Report = {
  engine_version: "1.0.0",
  taxonomy_version: "test",
  score: {
    total: 72,
    factors: [
      {
        id: "hard_skills",
        label: "Hard skills",
        weight: 0.45,
        score: 0.8,
        points: 36,
        explanation: "4 of 5 hard skills found.",
      },
      {
        id: "experience_years",
        label: "Experience",
        weight: 0.25,
        score: 0.6,
        points: 15,
        explanation: "3 of 5 years.",
      },
      {
        id: "education",
        label: "Education",
        weight: 0.3,
        score: 0.7,
        points: 21,
        explanation: "Degree not stated.",
      },
    ],
  },
  matches: [
    {
      requirement_id: "r1",
      status: "met",
      credit: 1,
      evidence: [
        {
          span: byteSpan(sampleResume, "Python services"),
          section: "experience",
          excerpt: "built Python services",
        },
        { span: byteSpan(sampleResume, "Python, Go"), section: "skills", excerpt: "Python, Go, Terraform" },
      ],
      years_found: 3,
      related_skill: "",
      explanation: "Python appears in a dated role and in the skills list.",
    },
    {
      requirement_id: "r2",
      status: "missing",
      credit: 0,
      evidence: [],
      years_found: null,
      related_skill: "",
      explanation: "Kubernetes does not appear in the resume.",
    },
    {
      requirement_id: "r3",
      status: "partial",
      credit: 0.5,
      evidence: [
        {
          span: byteSpan(sampleResume, "PostgreSQL"),
          section: "experience",
          excerpt: "Used PostgreSQL daily.",
        },
      ],
      years_found: null,
      related_skill: "",
      explanation: "PostgreSQL is mentioned without dates.",
    },
  ],
  matched_skills: [
    {
      skill_id: "python",
      name: "Python",
      kind: "hard",
      span: byteSpan(sampleResume, "Python"),
      section: "experience",
    },
  ],
  missing_skills: [
    {
      skill_id: "kubernetes",
      name: "Kubernetes",
      kind: "tool",
      span: byteSpan(sampleJob, "Kubernetes"),
      section: "requirements",
    },
  ],
  extra_skills: [
    {
      skill_id: "terraform",
      name: "Terraform",
      kind: "tool",
      span: byteSpan(sampleResume, "Terraform"),
      section: "skills",
    },
  ],
  checks: [
    {
      id: "contact",
      label: "Contact details",
      status: "fail",
      message: "No email address or phone number found.",
      spans: [],
    },
    {
      id: "weak_phrases",
      label: "Weak phrases",
      status: "warn",
      message: '"Used" is a weak verb in experience.',
      spans: [byteSpan(sampleResume, "Used")],
    },
    { id: "length", label: "Length", status: "pass", message: "About one page.", spans: [] },
  ],
  resume: {
    contact: { name: "José Müller", email: "", phone: "", links: [], location: "" },
    sections: [],
    total_experience_months: 36,
    word_count: 20,
  },
  job: {
    title: "Senior Platform Engineer",
    seniority: "senior",
    years_required: 5,
    degree_level: "",
    requirements: [
      {
        id: "r1",
        kind: "skill",
        importance: "required",
        name: "Python",
        skill_id: "python",
        skill_kind: "hard",
        years_min: 5,
        degree_level: "",
        span: byteSpan(sampleJob, "Python"),
        sentence_span: byteSpan(sampleJob, "5+ years of Python"),
      },
      {
        id: "r2",
        kind: "skill",
        importance: "required",
        name: "Kubernetes",
        skill_id: "kubernetes",
        skill_kind: "tool",
        years_min: null,
        degree_level: "",
        span: byteSpan(sampleJob, "Kubernetes"),
        sentence_span: byteSpan(sampleJob, "Kubernetes in production"),
      },
      {
        id: "r3",
        kind: "skill",
        importance: "preferred",
        name: "PostgreSQL",
        skill_id: "postgresql",
        skill_kind: "tool",
        years_min: null,
        degree_level: "",
        span: byteSpan(sampleJob, "PostgreSQL"),
        sentence_span: none,
      },
    ],
    title_span: byteSpan(sampleJob, "Senior Platform Engineer"),
  },
  warnings: [],
};

export const sampleAnalysis =
  "## Qualification Assessment\nA **good** match.\n\n## Missing Skills / Experience\n- Kubernetes\n\n## Key Strengths\n- Python services";
