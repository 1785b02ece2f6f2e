// One input document: a labelled text area with a character count, an example picker and upload
// (file picker or drag and drop; PDF and Word files are read by the server).
import { useId, useRef, useState, type ChangeEvent, type DragEvent } from "react";
import { codePointLength, MAX_INPUT_CHARS, type DocumentWarning, type ItemSummary } from "../../../types/api";
import {
  ACCEPTED_FILE_TYPES,
  DocumentReadError,
  readDocument,
  readsOnServer,
  type Uploader,
} from "../lib/read-document";
import { UploadWarnings } from "./upload-warnings";

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
  /** Sends PDF and Word files to the server; the API client by default (tests inject one). */
  upload?: Uploader;
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
  upload,
}: DocumentInputProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [reading, setReading] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<DocumentWarning[]>([]);
  const [dragging, setDragging] = useState(false);
  const [picked, setPicked] = useState("");
  const length = codePointLength(value);
  const over = length > MAX_INPUT_CHARS;

  async function readFile(file: File) {
    setUploadError(null);
    setWarnings([]);
    if (readsOnServer(file)) setReading(file.name);
    try {
      const doc = await readDocument(file, upload);
      setWarnings(doc.warnings);
      onChange(doc.text);
    } catch (error) {
      setUploadError(
        error instanceof DocumentReadError
          ? error.message
          : "That file couldn't be read. Try pasting the text instead.",
      );
    } finally {
      setReading(null);
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file) await readFile(file);
  }

  function onDragOver(event: DragEvent<HTMLElement>) {
    if (disabled || reading !== null || !event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  async function onDrop(event: DragEvent<HTMLElement>) {
    setDragging(false);
    const file = event.dataTransfer.files?.[0];
    if (disabled || reading !== null || !file) return;
    event.preventDefault();
    await readFile(file);
  }

  async function onExample(event: ChangeEvent<HTMLSelectElement>) {
    const exampleId = event.target.value;
    setPicked(exampleId);
    if (exampleId === "") return;
    setUploadError(null);
    setWarnings([]);
    await onPickExample(exampleId);
    setPicked("");
  }

  return (
    <section
      className={dragging ? "doc-input doc-input--drop" : "doc-input"}
      aria-labelledby={`${id}-label`}
      aria-busy={reading !== null || undefined}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
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
            disabled={disabled || reading !== null}
          >
            {reading !== null ? "Reading…" : "Upload file"}
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
        placeholder={placeholder ? `${placeholder} You can also drop a PDF, Word or text file here.` : ""}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-count`}
        aria-invalid={over || undefined}
        spellCheck={false}
        disabled={disabled || reading !== null}
      />
      <div className="doc-input__foot">
        <span id={`${id}-count`} className={over ? "count count--over" : "count"}>
          {formatCount(length)} / {formatCount(MAX_INPUT_CHARS)} characters
          {over ? ` (${formatCount(length - MAX_INPUT_CHARS)} over the limit)` : ""}
        </span>
      </div>
      {reading !== null && (
        <p className="upload-status" role="status">
          Reading “{reading}”…
        </p>
      )}
      {warnings.length > 0 && <UploadWarnings warnings={warnings} />}
      {uploadError && (
        <p className="field-error" role="alert">
          {uploadError}
        </p>
      )}
    </section>
  );
}
