// Tests for reading uploaded files into text.
import { DocumentReadError, readDocument } from "./read-document";

function file(parts: BlobPart[], name: string, type = "") {
  return new File(parts, name, { type });
}

describe("readDocument", () => {
  it("reads UTF-8 text and normalizes line endings and the BOM", async () => {
    const text = await readDocument(file(["\uFEFFJosé Pérez\r\nNurse\rICU"], "cv.txt"));
    expect(text).toBe("José Pérez\nNurse\nICU");
  });

  it("reads Markdown files", async () => {
    expect(await readDocument(file(["# Title"], "job.MD"))).toBe("# Title");
  });

  it("rejects text that is not UTF-8 with a helpful message", async () => {
    const latin1 = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9]); // "José" in Latin-1
    await expect(readDocument(file([latin1], "old.txt"))).rejects.toThrow(/not UTF-8/);
  });

  it("explains that PDF and Word files are not read yet", async () => {
    await expect(readDocument(file(["%PDF-1.4"], "cv.pdf"))).rejects.toThrow(/paste/);
    await expect(readDocument(file(["PK"], "cv.docx"))).rejects.toBeInstanceOf(DocumentReadError);
  });

  it("rejects unknown types and oversized files", async () => {
    await expect(readDocument(file(["x"], "photo.png", "image/png"))).rejects.toThrow(/supported/);
    const big = new Uint8Array(1024 * 1024 + 1).fill(0x61);
    await expect(readDocument(file([big], "big.txt"))).rejects.toThrow(/1 MB/);
  });
});
