// Browser storage: inputs in localStorage, the session id in sessionStorage, the theme choice.

const INPUTS_KEY = "resume-coach.inputs.v1";
const SESSION_KEY = "resume-coach.sessionId";
const THEME_KEY = "resume-coach.theme";

/** The two texts the user is working on. */
export interface StoredInputs {
  resume: string;
  jobDescription: string;
}

export type ThemeChoice = "light" | "dark";

function safeGet(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null; // storage disabled (privacy mode) or unavailable: behave as empty
  }
}

function safeSet(storage: () => Storage, key: string, value: string | null): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
  } catch {
    // Quota exceeded or storage disabled: persistence is a convenience, the page still works.
  }
}

const local = () => window.localStorage;
const session = () => window.sessionStorage;

/** The saved inputs, or empty strings when nothing (or something unreadable) is stored. */
export function loadInputs(): StoredInputs {
  const raw = safeGet(local, INPUTS_KEY);
  if (raw === null) return { resume: "", jobDescription: "" };
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === "object" && parsed !== null) {
      const { resume, jobDescription } = parsed as Record<string, unknown>;
      return {
        resume: typeof resume === "string" ? resume : "",
        jobDescription: typeof jobDescription === "string" ? jobDescription : "",
      };
    }
  } catch {
    // Corrupt entry: fall through to empty inputs.
  }
  return { resume: "", jobDescription: "" };
}

/** Saves the inputs; both empty removes the entry. */
export function saveInputs(inputs: StoredInputs): void {
  const empty = inputs.resume === "" && inputs.jobDescription === "";
  safeSet(local, INPUTS_KEY, empty ? null : JSON.stringify(inputs));
}

/** The current session id for this tab, or null. */
export function loadSessionId(): string | null {
  const value = safeGet(session, SESSION_KEY);
  return value && value.trim() !== "" ? value : null;
}

/** Remembers (or with null, forgets) this tab's session id. */
export function saveSessionId(sessionId: string | null): void {
  safeSet(session, SESSION_KEY, sessionId);
}

/** The theme the user picked, or null to follow the system. */
export function loadTheme(): ThemeChoice | null {
  const value = safeGet(local, THEME_KEY);
  return value === "light" || value === "dark" ? value : null;
}

/** Saves the theme choice; null returns to following the system. */
export function saveTheme(theme: ThemeChoice | null): void {
  safeSet(local, THEME_KEY, theme);
}

export const storageKeys = { INPUTS_KEY, SESSION_KEY, THEME_KEY } as const;
