// Light/dark theme: follows the system until the user picks one; the pick is remembered.
import { useCallback, useEffect, useState } from "react";
import { loadTheme, saveTheme, type ThemeChoice } from "../lib/storage";

function systemTheme(): ThemeChoice {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-color-scheme: dark)").matches
    ? "dark"
    : "light";
}

/** The theme in effect and a toggle that switches to the other one. */
export function useTheme(): { theme: ThemeChoice; toggle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice | null>(() => loadTheme());
  const [system, setSystem] = useState<ThemeChoice>(() => systemTheme());

  useEffect(() => {
    if (typeof window.matchMedia !== "function") return;
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => setSystem(query.matches ? "dark" : "light");
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);

  const theme = choice ?? system;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const toggle = useCallback(() => {
    const next: ThemeChoice = theme === "dark" ? "light" : "dark";
    // Picking the system's own theme returns to following the system.
    const stored = next === systemTheme() ? null : next;
    saveTheme(stored);
    setChoice(stored);
  }, [theme]);

  return { theme, toggle };
}
