// One input document: a labelled text area with a character count, an example picker and upload.
import { useId, useRef, useState, type ChangeEvent } from "react";
import { codePointLength, MAX_INPUT_CHARS, type ItemSummary } from "../../../types/api";
import { ACCEPTED_FILE_TYPES, DocumentReadError, readDocument } from "../lib/read-document";

interface DocumentInputProps {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Examples of this input's kind; null while loading. */
  examples: ItemSummary[] | null;
  /** Loads one example's text into the input; resolves false when it failed (already reported). */
  onPickExample: (id: string) => Promise<boolean>;
  disabled?: boolean;
}

const numberFormat = new Intl.NumberFormat("en-US");

/** Formats a count for display, e.g. 12345 -> "12,345". */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function DocumentInput({
  label,
  placeholder,
  value,
  onChange,
  examples,
  onPickExample,
  disabled = false,
}: DocumentInputProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [picked, setPicked] = useState("");
  const length = codePointLength(value);
  const over = length > MAX_INPUT_CHARS;

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    try {
      const text = await readDocument(file);
      setUploadError(null);
      onChange(text);
    } catch (error) {
      setUploadError(
        error instanceof DocumentReadError
          ? error.message
          : "That file couldn't be read. Try pasting the text instead.",
      );
    }
  }

  async function onExample(event: ChangeEvent<HTMLSelectElement>) {
    const exampleId = event.target.value;
    setPicked(exampleId);
    if (exampleId === "") return;
    setUploadError(null);
    await onPickExample(exampleId);
    setPicked("");
  }

  return (
    <section className="doc-input" aria-labelledby={`${id}-label`}>
      <div className="doc-input__head">
        <label id={`${id}-label`} htmlFor={`${id}-text`} className="doc-input__label">
          {label}
        </label>
        <div className="doc-input__tools">
          <label className="visually-hidden" htmlFor={`${id}-example`}>
            Load an example {label.toLowerCase()}
          </label>
          <select
            id={`${id}-example`}
            className="select"
            value={picked}
            onChange={onExample}
            disabled={disabled || examples === null || examples.length === 0}
          >
            <option value="">{examples === null ? "Loading examples…" : "Load example…"}</option>
            {(examples ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => fileRef.current?.click()}
            disabled={disabled}
          >
            Upload file
          </button>
          <input
            ref={fileRef}
            type="file"
            accept={ACCEPTED_FILE_TYPES}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={onFile}
          />
        </div>
      </div>
      <textarea
        id={`${id}-text`}
        className="doc-input__text"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-count`}
        aria-invalid={over || undefined}
        spellCheck={false}
        disabled={disabled}
      />
      <div className="doc-input__foot">
        <span id={`${id}-count`} className={over ? "count count--over" : "count"}>
          {formatCount(length)} / {formatCount(MAX_INPUT_CHARS)} characters
          {over ? ` (${formatCount(length - MAX_INPUT_CHARS)} over the limit)` : ""}
        </span>
      </div>
      {uploadError && (
        <p className="field-error" role="alert">
          {uploadError}
        </p>
      )}
    </section>
  );
}
