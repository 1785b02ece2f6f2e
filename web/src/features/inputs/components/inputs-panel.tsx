// The two input documents (resume and job description) side by side, with a Clear action.
import type { ItemSummary } from "../../../types/api";
import { DocumentInput } from "./document-input";

interface InputsPanelProps {
  resume: string;
  jobDescription: string;
  onResumeChange: (value: string) => void;
  onJobDescriptionChange: (value: string) => void;
  examples: ItemSummary[] | null;
  onPickExample: (id: string, target: "resume" | "job") => Promise<boolean>;
  disabled?: boolean;
}

export function InputsPanel({
  resume,
  jobDescription,
  onResumeChange,
  onJobDescriptionChange,
  examples,
  onPickExample,
  disabled = false,
}: InputsPanelProps) {
  const resumes = examples === null ? null : examples.filter((e) => e.kind === "resume");
  const jobs = examples === null ? null : examples.filter((e) => e.kind === "job");
  return (
    <div className="inputs">
      <DocumentInput
        label="Resume"
        placeholder="Paste your resume here, or upload a .txt or .md file."
        value={resume}
        onChange={onResumeChange}
        examples={resumes}
        onPickExample={(id) => onPickExample(id, "resume")}
        disabled={disabled}
      />
      <DocumentInput
        label="Job description"
        placeholder="Paste the job posting here: the title, responsibilities and requirements."
        value={jobDescription}
        onChange={onJobDescriptionChange}
        examples={jobs}
        onPickExample={(id) => onPickExample(id, "job")}
        disabled={disabled}
      />
    </div>
  );
}
