// How backups read on screen: their time in the shop's time zone, their kind, their size.
import type { BackupDto, Language, RestoreReport } from "../bindings";
import { phrase, type MessageKey, type Phrase } from "../i18n";

/** "12月5日 18:02" / "5 Dec 18:02", in China's time (the business day), with the year when not this one. */
export function formatTakenAt(rfc3339: string | null, language: Language, now: Date = new Date()): string {
  if (rfc3339 === null) return "";
  const at = new Date(rfc3339);
  if (Number.isNaN(at.getTime())) return rfc3339;
  const year = (d: Date) => new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(d);
  const options: Intl.DateTimeFormatOptions = {
    timeZone: "Asia/Shanghai",
    month: language === "zh-CN" ? "long" : "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  };
  if (year(at) !== year(now)) options.year = "numeric";
  return new Intl.DateTimeFormat(language === "zh-CN" ? "zh-CN" : "en-GB", options).format(at);
}

/** Whole bytes as KB / MB / GB with one decimal where it helps. */
export function formatSize(bytes: number): string {
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  if (value < 1) return `${bytes} B`;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** What made the backup: every day, on closing, by hand, before an import / a restore / an upgrade. */
export function kindKey(backup: Pick<BackupDto, "kind" | "step">): MessageKey {
  switch (backup.kind) {
    case "daily":
      return "backup.kind.daily";
    case "closing":
      return "backup.kind.closing";
    case "manual":
      return "backup.kind.manual";
    case "before-step": {
      const step = backup.step ?? "";
      if (step.startsWith("import")) return "backup.kind.beforeImport";
      if (step === "restore") return "backup.kind.beforeRestore";
      if (step.startsWith("migration")) return "backup.kind.beforeUpgrade";
      if (step === "leave_demo") return "backup.kind.beforeLeaveDemo";
      return "backup.kind.beforeStep";
    }
    default:
      return "backup.kind.other";
  }
}

/** Why a file cannot be restored from, by Rust's code. */
export function problemKey(code: string | null): MessageKey {
  switch (code) {
    case "not_farmstall":
      return "backup.problem.not_farmstall";
    case "damaged":
      return "backup.problem.damaged";
    case "newer_version":
      return "backup.problem.newer_version";
    case "unknown_migration":
      return "backup.problem.unknown_migration";
    case "missing":
      return "backup.problem.missing";
    default:
      return "backup.problem.unreadable";
  }
}

/** The report a restore left for the start after the reload (sessionStorage survives it). */
export const RESTORED_KEY = "farmstall.restored";

/**
 * What the restore before the reload changed, once (the stored report is removed on reading), as
 * a notice: the backup's time, then each count that differs (orders, farmers, lots) before and after.
 */
export function restoredNotice(storage: Storage = sessionStorage, language: Language = "zh-CN"): Phrase[] | null {
  let stored: string | null;
  try {
    stored = storage.getItem(RESTORED_KEY);
    storage.removeItem(RESTORED_KEY);
  } catch {
    return null;
  }
  if (stored === null) return null;
  let report: RestoreReport & { takenAt?: string | null; language?: Language };
  try {
    report = JSON.parse(stored) as RestoreReport & { takenAt?: string | null; language?: Language };
  } catch {
    return null;
  }
  const when = formatTakenAt(report.takenAt ?? null, report.language ?? language) || report.restoredFrom;
  const notice = [phrase(report.replacedKeptAt ? "backup.restored" : "backup.restoredPlain", { when })];
  const before = report.before;
  if (before) {
    const changed: [MessageKey, number, number][] = [
      ["backup.restoredOrders", before.orders, report.after.orders],
      ["backup.restoredFarmers", before.farmers, report.after.farmers],
      ["backup.restoredLots", before.lots, report.after.lots],
    ];
    for (const [key, was, now] of changed) if (was !== now) notice.push(phrase(key, { before: was, after: now }));
  }
  return notice;
}
