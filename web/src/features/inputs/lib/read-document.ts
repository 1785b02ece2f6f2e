// Reads an uploaded file into plain text; one reader per file type so new types slot in. Text
// files are read in the browser; PDF and Word files go to the server's POST /documents.
import { ApiError, apiClient } from "../../../lib/api-client";
import type { DocumentResponse, DocumentWarning } from "../../../types/api";

/** Largest file the page reads in the browser (plain text well beyond the 100,000-char limit). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

/** Largest PDF or Word file sent to the server (its default document limit). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** The text of a file and what it hid from a reader (only files read by the server have any). */
export interface DocumentText {
  text: string;
  warnings: DocumentWarning[];
}

/** Sends a file to POST /documents; injected so tests need no server. */
export type Uploader = (file: File) => Promise<DocumentResponse>;

const defaultUploader: Uploader = (file) => apiClient.uploadDocument(file);

/** A failure to read a file, with a message fit to show as is. */
export class DocumentReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocumentReadError";
  }
}

/** Turns one file into text, or throws DocumentReadError. */
type Reader = (file: File, upload: Uploader) => Promise<DocumentText>;

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new DocumentReadError(`"${file.name}" couldn't be read.`));
    reader.readAsArrayBuffer(file);
  });
}

async function readPlainText(file: File): Promise<DocumentText> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new DocumentReadError(`"${file.name}" is larger than 1 MB. Use a shorter file.`);
  }
  const bytes = await readBytes(file);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), warnings: [] };
  } catch {
    throw new DocumentReadError(
      `"${file.name}" is not UTF-8 text. Save it as UTF-8 (or paste the text) and try again.`,
    );
  }
}

/** Plain words for a failed upload; the server's own message when it explains the file. */
export function describeUploadError(name: string, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case "PAYLOAD_TOO_LARGE":
        return `"${name}" is larger than the server accepts (10 MB). Use a smaller file.`;
      case "UNSUPPORTED_MEDIA_TYPE":
        return `"${name}" isn't a PDF, Word (.docx) or text file, or its name doesn't match what's inside. Use a .pdf, .docx, .txt or .md file.`;
      case "UNPROCESSABLE":
        return error.message
          ? `"${name}" couldn't be read: ${error.message}`
          : `"${name}" couldn't be read. Copy the text from it and paste it here.`;
      case "UNAVAILABLE":
        return "The server is busy reading other files. Try again in a moment.";
      case "NETWORK":
        return "The server couldn't be reached, so the file wasn't read. Check your connection and try again.";
    }
  }
  return `"${name}" couldn't be read. Copy the text from it and paste it here.`;
}

async function readOnServer(file: File, upload: Uploader): Promise<DocumentText> {
  if (file.size > MAX_DOCUMENT_BYTES) {
    throw new DocumentReadError(`"${file.name}" is larger than 10 MB. Use a smaller file.`);
  }
  try {
    const doc = await upload(file);
    return { text: doc.text, warnings: doc.warnings ?? [] };
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new DocumentReadError(describeUploadError(file.name, error));
  }
}

const READERS: Record<string, Reader> = {
  txt: readPlainText,
  md: readPlainText,
  markdown: readPlainText,
  text: readPlainText,
  pdf: readOnServer,
  docx: readOnServer,
};

/** File extensions offered in the file picker. */
export const ACCEPTED_FILE_TYPES =
  ".txt,.md,.markdown,.pdf,.docx,text/plain,text/markdown,application/pdf," +
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/** True when `file` is read by the server (PDF or Word), so reading it may take a moment. */
export function readsOnServer(file: File): boolean {
  const ext = extensionOf(file.name);
  return ext === "pdf" || ext === "docx";
}

/**
 * Extracts the text of `file`: text files in the browser, PDF and Word files through `upload`.
 * Rejects with DocumentReadError (a message fit to show) when the type is unknown, the file is
 * too large, it is not valid UTF-8, or the server could not read it.
 */
export async function readDocument(file: File, upload: Uploader = defaultUploader): Promise<DocumentText> {
  const reader = READERS[extensionOf(file.name)] ?? (file.type === "text/plain" ? readPlainText : undefined);
  if (!reader) {
    throw new DocumentReadError(
      `"${file.name}" isn't a supported file. Use a PDF, Word (.docx), .txt or .md file.`,
    );
  }
  return reader(file, upload);
}
