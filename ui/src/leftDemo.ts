// What leaving the demo hands to the next start of the window (it reloads): where the demo was kept,
// so the start goes straight to setting up the owner's shop and says where the demo went. Kept in
// sessionStorage, so it lives through the reload and is read once.
import type { LeftDemo } from "./bindings";

const KEY = "farmstall.leftDemo";

export type KeptDemo = { backup: string };

/** Remembers where the demo was kept, for the start after the reload. */
export function rememberLeftDemo(left: LeftDemo): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ backup: left.backup } satisfies KeptDemo));
  } catch {
    // No storage: the start shows the welcome screen instead, which offers the setup too.
  }
}

/** Where the demo was kept, once: null when the demo was not just left (or the note is unreadable). */
export function takeLeftDemo(): KeptDemo | null {
  try {
    const text = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    if (text === null) return null;
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null) return null;
    const { backup } = value as Record<string, unknown>;
    return typeof backup === "string" ? { backup } : null;
  } catch {
    return null;
  }
}
