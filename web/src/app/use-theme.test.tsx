// Tests for the theme hook: system preference, toggle and the remembered choice.
import { act, renderHook } from "@testing-library/react";
import { storageKeys } from "../lib/storage";
import { useTheme } from "./use-theme";

function mockSystem(dark: boolean) {
  window.matchMedia = ((query: string) => ({
    matches: dark && query.includes("dark"),
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
}

const originalMatchMedia = window.matchMedia;
beforeEach(() => localStorage.clear());
afterEach(() => {
  window.matchMedia = originalMatchMedia;
});

describe("useTheme", () => {
  it("follows the system theme until the user picks one", () => {
    mockSystem(true);
    const { result } = renderHook(() => useTheme());
    expect(result.current.theme).toBe("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(localStorage.getItem(storageKeys.THEME_KEY)).toBeNull();
  });

  it("toggles, remembers the override, and forgets it when it matches the system again", () => {
    mockSystem(false);
    const { result } = renderHook(() => useTheme());
    act(() => result.current.toggle());
    expect(result.current.theme).toBe("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    expect(localStorage.getItem(storageKeys.THEME_KEY)).toBe("dark");
    act(() => result.current.toggle());
    expect(result.current.theme).toBe("light");
    expect(localStorage.getItem(storageKeys.THEME_KEY)).toBeNull();
  });

  it("starts from a remembered choice", () => {
    mockSystem(false);
    localStorage.setItem(storageKeys.THEME_KEY, "dark");
    const { result } = renderHook(() => useTheme());
    expect(result.current.theme).toBe("dark");
  });
});
