import { describe, expect, it } from "vitest";
import { formatSize, formatTakenAt, kindKey, problemKey } from "./backupText";

describe("backup text", () => {
  const now = new Date("2026-12-07T06:00:00Z");

  it("shows the time in China's time zone, the year only when it is not this one", () => {
    // 2026-12-05 10:02 UTC is 18:02 in Beijing; 23:30 UTC is already the next day there.
    expect(formatTakenAt("2026-12-05T10:02:00+00:00", "zh-CN", now)).toBe("12月5日 18:02");
    expect(formatTakenAt("2026-12-05T23:30:00+00:00", "zh-CN", now)).toBe("12月6日 07:30");
    expect(formatTakenAt("2026-12-05T10:02:00+00:00", "en", now)).toBe("5 Dec, 18:02");
    expect(formatTakenAt("2025-03-01T02:00:00+00:00", "zh-CN", now)).toBe("2025年3月1日 10:00");
    expect(formatTakenAt(null, "zh-CN", now)).toBe("");
  });

  it("sizes read at a glance", () => {
    expect(formatSize(512)).toBe("512 B");
    expect(formatSize(8_500_000)).toBe("8.1 MB");
    expect(formatSize(350 * 1024 * 1024)).toBe("350 MB");
    expect(formatSize(3 * 1024 * 1024 * 1024)).toBe("3.0 GB");
  });

  it("names what made each backup", () => {
    expect(kindKey({ kind: "daily", step: null })).toBe("backup.kind.daily");
    expect(kindKey({ kind: "before-step", step: "import_taobao" })).toBe("backup.kind.beforeImport");
    expect(kindKey({ kind: "before-step", step: "migration_v12" })).toBe("backup.kind.beforeUpgrade");
    expect(kindKey({ kind: "before-step", step: "restore" })).toBe("backup.kind.beforeRestore");
    expect(kindKey({ kind: "unknown", step: null })).toBe("backup.kind.other");
    expect(problemKey("newer_version")).toBe("backup.problem.newer_version");
    expect(problemKey("something new")).toBe("backup.problem.unreadable");
  });
});
