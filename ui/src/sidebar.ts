// The sidebar: full (icon and word) or folded to icons with the word as a tooltip. By default it
// folds by itself when the window is too narrow for the text size (a 1024 px screen at 125 % or
// 150 %); the person can fold or unfold it with its button, and this PC remembers that choice.
import type { TextSize } from "./textSize";

export type SidebarChoice = "auto" | "open" | "folded";

const KEY = "farmstall.sidebar";

/** Below this many CSS pixels per 100 % of text, the sidebar folds by itself. */
export const FOLD_BELOW = 960;

export function loadSidebarChoice(): SidebarChoice {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === "open" || v === "folded" ? v : "auto";
  } catch {
    return "auto";
  }
}

export function saveSidebarChoice(choice: SidebarChoice): void {
  try {
    if (choice === "auto") window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, choice);
  } catch {
    // Not remembered on a PC that cannot store it; the choice holds for this session.
  }
}

/** Whether the sidebar shows only icons, for a window `width` px wide at `textSize` %. */
export function sidebarFolded(choice: SidebarChoice, width: number, textSize: TextSize): boolean {
  if (choice !== "auto") return choice === "folded";
  return width < (FOLD_BELOW * textSize) / 100;
}

/** Below this many CSS pixels per 100 % of text, tables leave out or stack their lesser columns. */
export const CRAMPED_BELOW = 1100;

/**
 * Whether the window is narrow for its text size (`cramped`): tables hide their `col-optional`
 * columns and show what matters of them in another column (`cramped-only`), and stack row actions.
 * A 1024 px window is cramped at any size; 1366 px at 125 % and above.
 */
export function windowCramped(width: number, textSize: TextSize): boolean {
  return width < (CRAMPED_BELOW * textSize) / 100;
}
