// Tests for browser storage of inputs, the session id and the theme.
import {
  loadInputs,
  loadSessionId,
  loadTheme,
  saveInputs,
  saveSessionId,
  saveTheme,
  storageKeys,
} from "./storage";

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe("inputs", () => {
  it("round-trips through localStorage, including non-ASCII text", () => {
    saveInputs({ resume: "Zoë — 東京", jobDescription: "Nurse\nICU" });
    expect(localStorage.getItem(storageKeys.INPUTS_KEY)).not.toBeNull();
    expect(loadInputs()).toEqual({ resume: "Zoë — 東京", jobDescription: "Nurse\nICU" });
  });

  it("removes the entry when both inputs are cleared", () => {
    saveInputs({ resume: "a", jobDescription: "b" });
    saveInputs({ resume: "", jobDescription: "" });
    expect(localStorage.getItem(storageKeys.INPUTS_KEY)).toBeNull();
  });

  it("treats corrupt or wrongly typed data as empty", () => {
    localStorage.setItem(storageKeys.INPUTS_KEY, "{not json");
    expect(loadInputs()).toEqual({ resume: "", jobDescription: "" });
    localStorage.setItem(storageKeys.INPUTS_KEY, JSON.stringify({ resume: 5, jobDescription: "x" }));
    expect(loadInputs()).toEqual({ resume: "", jobDescription: "x" });
  });

  it("keeps working when storage throws", () => {
    const spy = vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    expect(() => saveInputs({ resume: "a", jobDescription: "b" })).not.toThrow();
    spy.mockRestore();
  });
});

describe("session id", () => {
  it("lives in sessionStorage, not localStorage", () => {
    saveSessionId("abc123");
    expect(sessionStorage.getItem(storageKeys.SESSION_KEY)).toBe("abc123");
    expect(localStorage.length).toBe(0);
    expect(loadSessionId()).toBe("abc123");
    saveSessionId(null);
    expect(loadSessionId()).toBeNull();
  });
});

describe("theme", () => {
  it("accepts only light or dark", () => {
    expect(loadTheme()).toBeNull();
    saveTheme("dark");
    expect(loadTheme()).toBe("dark");
    localStorage.setItem(storageKeys.THEME_KEY, "purple");
    expect(loadTheme()).toBeNull();
    saveTheme(null);
    expect(localStorage.getItem(storageKeys.THEME_KEY)).toBeNull();
  });
});
