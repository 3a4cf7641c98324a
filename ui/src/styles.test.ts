// The style sheet keeps what issue 13 asks of text: nothing smaller than 14 px at normal size, and
// the secondary colours (muted, archived, warning, the green of links) at WCAG AA contrast (4.5:1)
// on every background they sit on.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// Vitest runs in the ui folder (npm test, make test).
const css = readFileSync("src/styles.css", "utf8");

function variable(name: string): string {
  const m = css.match(new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`));
  if (!m?.[1]) throw new Error(`--${name} is not a #rrggbb colour in styles.css`);
  return m[1];
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("text in the style sheet", () => {
  it("is never smaller than 14 px at normal size", () => {
    const sizes = [...css.matchAll(/font-size:\s*([\d.]+)(rem|px|em)/g)].map((m) => ({
      text: m[0],
      px: Number(m[1]) * (m[2] === "px" ? 1 : 16),
    }));
    expect(sizes.length).toBeGreaterThan(50);
    expect(sizes.filter((s) => s.px < 14).map((s) => s.text)).toEqual([]);
  });

  it("in its secondary colours reaches AA contrast on every background", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    const backgrounds = ["surface", "bg", "sidebar", "zebra"].map(variable);
    for (const fg of ["muted", "archived", "warn", "primary", "text"]) {
      for (const bg of backgrounds) {
        expect(`${fg} on ${bg}: ${contrast(variable(fg), bg).toFixed(2)}`).toMatch(/: ([5-9]|[1-9]\d)\.\d\d$|: 4\.[5-9]\d$/);
      }
    }
  });
});
