import { afterEach, describe, expect, it } from "vitest";
import { loadSidebarChoice, saveSidebarChoice, sidebarFolded, windowCramped } from "./sidebar";

describe("the sidebar folds to icons", () => {
  afterEach(() => window.localStorage.clear());

  it("by itself when the window is narrow for the text size", () => {
    expect(sidebarFolded("auto", 1024, 100)).toBe(false);
    expect(sidebarFolded("auto", 1024, 125)).toBe(true);
    expect(sidebarFolded("auto", 1024, 150)).toBe(true);
    expect(sidebarFolded("auto", 1366, 125)).toBe(false);
    expect(sidebarFolded("auto", 1366, 150)).toBe(true);
    expect(sidebarFolded("auto", 1920, 150)).toBe(false);
    expect(sidebarFolded("auto", 900, 100)).toBe(true);
  });

  it("as the person chose, whatever the window", () => {
    expect(sidebarFolded("open", 800, 150)).toBe(false);
    expect(sidebarFolded("folded", 1920, 100)).toBe(true);
  });

  it("remembers the choice on this PC, and forgets it when back to automatic", () => {
    expect(loadSidebarChoice()).toBe("auto");
    saveSidebarChoice("folded");
    expect(loadSidebarChoice()).toBe("folded");
    saveSidebarChoice("auto");
    expect(loadSidebarChoice()).toBe("auto");
    window.localStorage.setItem("farmstall.sidebar", "sideways");
    expect(loadSidebarChoice()).toBe("auto");
  });
});

describe("a cramped window", () => {
  it("is any 1024 px one, and a wider one at large text", () => {
    expect(windowCramped(1024, 100)).toBe(true);
    expect(windowCramped(1280, 100)).toBe(false);
    expect(windowCramped(1366, 125)).toBe(true);
    expect(windowCramped(1920, 150)).toBe(false);
  });
});
