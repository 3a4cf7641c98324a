// The 大字 setting's steps and memory: three sizes, never past either end, kept on this PC.
import { beforeEach, describe, expect, it } from "vitest";
import { applyTextSize, loadTextSize, stepTextSize } from "./textSize";

beforeEach(() => {
  window.localStorage.clear();
  document.documentElement.style.fontSize = "";
});

describe("text size", () => {
  it("steps through 100, 125 and 150 percent and stops at either end", () => {
    expect(stepTextSize(100, 1)).toBe(125);
    expect(stepTextSize(125, 1)).toBe(150);
    expect(stepTextSize(150, 1)).toBe(150);
    expect(stepTextSize(125, -1)).toBe(100);
    expect(stepTextSize(100, -1)).toBe(100);
  });

  it("scales the window's text and remembers the choice; anything else stored reads as normal", () => {
    expect(loadTextSize()).toBe(100);
    applyTextSize(150);
    expect(document.documentElement.style.fontSize).toBe("150%");
    expect(loadTextSize()).toBe(150);
    applyTextSize(100);
    expect(document.documentElement.style.fontSize).toBe("");
    window.localStorage.setItem("farmstall.textSize", "300");
    expect(loadTextSize()).toBe(100);
  });
});
