// The 大字 setting: the whole window's text at 100, 125 or 150 percent, remembered on this PC (the
// webview's own storage), changed from the sidebar or with Ctrl+= / Ctrl+- / Ctrl+0 as in a
// browser. Sizes are in rem throughout, so scaling the root's font scales the screens.

export const TEXT_SIZES = [100, 125, 150] as const;

export type TextSize = (typeof TEXT_SIZES)[number];

const KEY = "farmstall.textSize";

function isTextSize(n: number): n is TextSize {
  return (TEXT_SIZES as readonly number[]).includes(n);
}

/** The size this PC chose last; 100 when none (or storage is unavailable). */
export function loadTextSize(): TextSize {
  try {
    const n = Number(window.localStorage.getItem(KEY));
    return isTextSize(n) ? n : 100;
  } catch {
    return 100;
  }
}

/** Sets the window's text size and remembers it on this PC. */
export function applyTextSize(size: TextSize): void {
  document.documentElement.style.fontSize = size === 100 ? "" : `${size}%`;
  document.documentElement.dataset.textSize = String(size);
  try {
    window.localStorage.setItem(KEY, String(size));
  } catch {
    // A PC that cannot store it still gets the size for this session.
  }
}

/** The next size up (+1) or down (−1), staying within the choices. */
export function stepTextSize(size: TextSize, step: 1 | -1): TextSize {
  const i = TEXT_SIZES.indexOf(size) + step;
  return TEXT_SIZES[Math.min(Math.max(i, 0), TEXT_SIZES.length - 1)] ?? size;
}
