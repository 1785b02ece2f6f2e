// Reads an uploaded file into plain text; one reader per file type so new types slot in.

/** Largest file the page reads in the browser (plain text well beyond the 100,000-char limit). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

/** A failure to read a file, with a message fit to show as is. */
export class DocumentReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DocumentReadError";
  }
}

/** Turns one file into text, or throws DocumentReadError. */
type Reader = (file: File) => Promise<string>;

function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(new DocumentReadError(`"${file.name}" couldn't be read.`));
    reader.readAsArrayBuffer(file);
  });
}

async function readPlainText(file: File): Promise<string> {
  const bytes = await readBytes(file);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  } catch {
    throw new DocumentReadError(
      `"${file.name}" is not UTF-8 text. Save it as UTF-8 (or paste the text) and try again.`,
    );
  }
}

async function notYetSupported(file: File): Promise<string> {
  // PDF and Word files need the server's POST /documents endpoint; until it exists, say so.
  throw new DocumentReadError(
    `"${file.name}" is a PDF or Word file, which this version can't read yet. Copy the text from it and paste it here, or save it as .txt.`,
  );
}

const READERS: Record<string, Reader> = {
  txt: readPlainText,
  md: readPlainText,
  markdown: readPlainText,
  text: readPlainText,
  pdf: notYetSupported,
  docx: notYetSupported,
};

/** File extensions offered in the file picker. */
export const ACCEPTED_FILE_TYPES = ".txt,.md,.markdown,text/plain,text/markdown";

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

/**
 * Extracts the text of `file`. Rejects with DocumentReadError when the type is unknown, the file
 * is too large, or it is not valid UTF-8.
 */
export async function readDocument(file: File): Promise<string> {
  const reader = READERS[extensionOf(file.name)] ?? (file.type === "text/plain" ? readPlainText : undefined);
  if (!reader) {
    throw new DocumentReadError(`"${file.name}" isn't a supported file. Use a .txt or .md file.`);
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new DocumentReadError(`"${file.name}" is larger than 1 MB. Use a shorter file.`);
  }
  return reader(file);
}
