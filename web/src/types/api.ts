// Wire types of the Resume Coach HTTP API, mirroring docs/api.md and src/model/*.h.

/** Half-open range of UTF-8 byte offsets into the original resume or job-description text. */
export interface Span {
  begin: number;
  end: number;
}

export type MatchStatus = "met" | "partial" | "missing";
export type CheckStatus = "pass" | "warn" | "fail";
export type Importance = "required" | "preferred";
export type RequirementKind = "skill" | "experience" | "education" | "certification" | "other";
export type SkillKind = "hard" | "soft" | "tool" | "certification" | "language" | "domain";
export type ItemKind = "resume" | "job";
/** Which engine produced an answer: the built-in coach or the configured LLM. */
export type AnswerMode = "builtin" | "llm";

export interface Evidence {
  span: Span;
  section: string;
  excerpt: string;
}

export interface RequirementMatch {
  requirement_id: string;
  status: MatchStatus;
  credit: number;
  evidence: Evidence[];
  years_found: number | null;
  related_skill: string;
  explanation: string;
}

export interface ScoreFactor {
  id: string;
  label: string;
  weight: number;
  score: number;
  points: number;
  explanation: string;
}

export interface Score {
  total: number;
  factors: ScoreFactor[];
}

export interface Check {
  id: string;
  label: string;
  status: CheckStatus;
  message: string;
  spans: Span[];
}

export interface SkillMention {
  skill_id: string;
  name: string;
  kind: SkillKind;
  span: Span;
  section: string;
}

export interface Requirement {
  id: string;
  kind: RequirementKind;
  importance: Importance;
  name: string;
  skill_id: string;
  skill_kind: string;
  years_min: number | null;
  degree_level: string;
  span: Span;
  sentence_span: Span;
}

export interface JobFacts {
  title: string;
  seniority: string;
  years_required: number | null;
  degree_level: string;
  requirements: Requirement[];
  title_span: Span;
}

export interface ResumeSection {
  kind: string;
  heading: string;
  heading_span: Span;
  body_span: Span;
}

export interface Contact {
  name: string;
  email: string;
  phone: string;
  links: string[];
  location: string;
}

export interface ResumeFacts {
  contact: Contact;
  sections: ResumeSection[];
  total_experience_months: number;
  word_count: number;
  // experience, education and certifications are also sent; the page does not use them yet.
}

export interface Report {
  engine_version: string;
  taxonomy_version: string;
  score: Score;
  matches: RequirementMatch[];
  matched_skills: SkillMention[];
  missing_skills: SkillMention[];
  extra_skills: SkillMention[];
  checks: Check[];
  resume: ResumeFacts;
  job: JobFacts;
  warnings: string[];
}

export interface AnalyzeRequest {
  resume: string;
  job_description: string;
}

export interface AnalyzeResponse {
  analysis: string;
  sessionId: string;
  report: Report;
  /** Who wrote `analysis`: the configured AI model or the built-in coach. */
  mode: AnswerMode;
  /** "" or one plain sentence for the user, e.g. why the built-in coach answered instead. */
  notice: string;
}

export interface ChatRequest {
  question: string;
  sessionId: string;
}

export interface ChatResponse {
  answer: string;
  mode: AnswerMode;
  /** "" or one plain sentence for the user, e.g. why the built-in coach answered instead. */
  notice: string;
}

/** Data of the `done` event of a streamed POST /analyze: everything but the report (sent first). */
export type AnalyzeDoneEvent = Omit<AnalyzeResponse, "report">;

/** Data of the `done` event of a streamed POST /chat. */
export type ChatDoneEvent = ChatResponse;

/** Data of the `error` event that ends a stream which could not finish its answer. */
export interface StreamErrorEvent {
  code: string;
  message: string;
  /** Some text was shown and the server saved it marked incomplete. */
  partial: boolean;
}

export interface ItemSummary {
  id: string;
  name: string;
  kind: ItemKind;
}

export interface Item extends ItemSummary {
  content: string;
}

/** Something in an uploaded document a reader would not see but a machine reads. */
export interface DocumentWarning {
  /** hidden_text, tiny_font, white_text, off_page, vanish, zero_width, instruction_like... */
  kind: string;
  message: string;
  excerpt: string;
  location: string;
}

/** POST /documents: the visible text of an uploaded file. */
export interface DocumentResponse {
  text: string;
  format: "pdf" | "docx" | "text" | "markdown";
  pages: number;
  warnings: DocumentWarning[];
}

export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
  mode: AnswerMode | "";
  complete: boolean;
  created_at_ms: number;
}

export interface SessionResponse {
  sessionId: string;
  resume: string;
  job_description: string;
  analysis: string;
  /** Who wrote `analysis` (older servers omit it). */
  analysis_mode?: AnswerMode;
  /** Why the built-in coach wrote `analysis` in LLM mode; "" when there is nothing to say (older servers omit it). */
  analysis_notice?: string;
  report: Report;
  chat: ChatTurn[];
  created_at_ms: number;
  updated_at_ms: number;
  expires_at_ms: number;
}

export interface Health {
  status: string;
  storage: string;
  /** "builtin" or "llm". */
  llm: string;
  /** The configured model name in LLM mode (absent or "" otherwise). */
  model?: string;
  version: string;
}

export type ErrorCode =
  | "INVALID_ARGUMENT"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "ALREADY_EXISTS"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNPROCESSABLE"
  | "RESOURCE_EXHAUSTED"
  | "INTERNAL"
  | "UNAVAILABLE"
  | "DEADLINE_EXCEEDED";

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string };
}

/** Longest resume or job description the server accepts, in Unicode code points. */
export const MAX_INPUT_CHARS = 100_000;

/** Longest chat question the server accepts, in Unicode code points. */
export const MAX_QUESTION_CHARS = 4_000;

/** The length of `text` in Unicode code points, the unit of the server's limits. */
export function codePointLength(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        i += 1;
      }
    }
  }
  return text.length - pairs;
}
