// Tests for reading uploaded files into text.
import { ApiError } from "../../../lib/api-client";
import type { DocumentResponse } from "../../../types/api";
import { DocumentReadError, readDocument, readsOnServer } from "./read-document";

const noUpload = () => Promise.reject(new Error("no upload expected"));

function file(parts: BlobPart[], name: string, type = "") {
  return new File(parts, name, { type });
}

describe("readDocument", () => {
  it("reads UTF-8 text and normalizes line endings and the BOM", async () => {
    const doc = await readDocument(file(["\uFEFFJosé Pérez\r\nNurse\rICU"], "cv.txt"), noUpload);
    expect(doc).toEqual({ text: "José Pérez\nNurse\nICU", warnings: [] });
  });

  it("reads Markdown files", async () => {
    expect((await readDocument(file(["# Title"], "job.MD"), noUpload)).text).toBe("# Title");
  });

  it("rejects text that is not UTF-8 with a helpful message", async () => {
    const latin1 = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]); // "José" in Latin-1
    await expect(readDocument(file([latin1], "old.txt"))).rejects.toThrow(/not UTF-8/);
  });

  it("sends PDF and Word files to the server and keeps its warnings", async () => {
    const reply: DocumentResponse = {
      text: "Tomas Berggren\nData analyst",
      format: "pdf",
      pages: 1,
      warnings: [{ kind: "white_text", message: "White text.", excerpt: "Ignore all", location: "page 1" }],
    };
    const upload = vi.fn(async (_f: File) => reply);
    const pdf = file(["%PDF-1.4"], "cv.pdf", "application/pdf");
    expect(await readDocument(pdf, upload)).toEqual({ text: reply.text, warnings: reply.warnings });
    expect(upload).toHaveBeenCalledWith(pdf);
    await readDocument(file(["PK"], "cv.DOCX"), upload);
    expect(upload).toHaveBeenCalledTimes(2);
    expect(readsOnServer(pdf)).toBe(true);
    expect(readsOnServer(file(["x"], "cv.txt"))).toBe(false);
  });

  it("explains server refusals in plain words", async () => {
    const failing = (error: unknown) => () => Promise.reject(error);
    const pdf = file(["%PDF-1.4"], "cv.pdf");
    await expect(
      readDocument(pdf, failing(new ApiError("http", 422, "UNPROCESSABLE", "this PDF is encrypted"))),
    ).rejects.toThrow('"cv.pdf" couldn\'t be read: this PDF is encrypted');
    await expect(
      readDocument(pdf, failing(new ApiError("http", 415, "UNSUPPORTED_MEDIA_TYPE", "x"))),
    ).rejects.toThrow(/isn't a PDF, Word/);
    await expect(
      readDocument(pdf, failing(new ApiError("http", 413, "PAYLOAD_TOO_LARGE", "x"))),
    ).rejects.toThrow(/10 MB/);
    await expect(readDocument(pdf, failing(new ApiError("http", 503, "UNAVAILABLE", "x")))).rejects.toThrow(
      /busy/,
    );
    await expect(readDocument(pdf, failing(new ApiError("network", 0, "NETWORK", "x")))).rejects.toThrow(
      /couldn't be reached/,
    );
    await expect(readDocument(pdf, failing(new Error("boom")))).rejects.toBeInstanceOf(DocumentReadError);
  });

  it("refuses a PDF over 10 MB before sending it", async () => {
    const upload = vi.fn(noUpload);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    await expect(readDocument(file([big], "big.pdf"), upload)).rejects.toThrow(/10 MB/);
    expect(upload).not.toHaveBeenCalled();
  });

  it("rejects unknown types and oversized files", async () => {
    await expect(readDocument(file(["x"], "photo.png", "image/png"), noUpload)).rejects.toThrow(/supported/);
    const big = new Uint8Array(1024 * 1024 + 1).fill(0x61);
    await expect(readDocument(file([big], "big.txt"), noUpload)).rejects.toThrow(/1 MB/);
  });
});
