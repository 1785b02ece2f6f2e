// Tests for one input document: counts, limits, examples and uploads.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { DocumentInput } from "./document-input";

function Harness({ onPick = async () => true }: { onPick?: (id: string) => Promise<boolean> }) {
  const [value, setValue] = useState("");
  return (
    <DocumentInput
      label="Resume"
      placeholder="Paste"
      value={value}
      onChange={setValue}
      examples={[{ id: "nurse", name: "Nurse resume", kind: "resume" }]}
      onPickExample={onPick}
    />
  );
}

describe("DocumentInput", () => {
  it("labels the text area and counts characters against the limit", () => {
    render(<Harness />);
    const box = screen.getByRole("textbox", { name: "Resume" });
    fireEvent.change(box, { target: { value: "héllo" } });
    expect(screen.getByText("5 / 100,000 characters")).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBeNull();
  });

  it("flags text over the limit", () => {
    render(<Harness />);
    const box = screen.getByRole("textbox", { name: "Resume" });
    fireEvent.change(box, { target: { value: "a".repeat(100_005) } });
    expect(screen.getByText(/5 over the limit/)).toBeTruthy();
    expect(box.getAttribute("aria-invalid")).toBe("true");
  });

  it("loads an example picked from the list", async () => {
    const onPick = vi.fn(async () => true);
    render(<Harness onPick={onPick} />);
    fireEvent.change(screen.getByLabelText("Load an example resume"), { target: { value: "nurse" } });
    await waitFor(() => expect(onPick).toHaveBeenCalledWith("nurse"));
  });

  it("reads an uploaded text file into the box and reports unreadable ones", async () => {
    const { container } = render(<Harness />);
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(["Ana Lima\nRN"], "cv.txt")] } });
    await waitFor(() =>
      expect((screen.getByRole("textbox", { name: "Resume" }) as HTMLTextAreaElement).value).toBe(
        "Ana Lima\nRN",
      ),
    );
    fireEvent.change(input, { target: { files: [new File(["%PDF"], "cv.pdf")] } });
    expect((await screen.findByRole("alert")).textContent).toMatch(/can't read yet/);
  });
});

describe("character count", () => {
  it("counts an emoji as one character, as the server does", () => {
    render(<Harness />);
    fireEvent.change(screen.getByRole("textbox", { name: "Resume" }), { target: { value: "ok 🚀" } });
    expect(screen.getByText("4 / 100,000 characters")).toBeTruthy();
  });
});
