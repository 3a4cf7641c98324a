// The backups screen against a mocked Rust side: the list with what each backup holds, restoring
// only after a confirmation that compares now and then, the USB stick, and the database-error
// screen's newest good backup.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { BackupDto, BackupList, Language, RestoreReport } from "../bindings";
import { LeaveGuardProvider } from "../components/DiscardGuard";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { BackupScreen } from "./BackupScreen";
import { DbErrorScreen } from "./ErrorScreen";
import { RESTORED_KEY, restoredNotice } from "./backupText";
import { backend, callsOf, invokeMock, rejection } from "./orderTestData";

function wrap(node: React.ReactNode, language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <LeaveGuardProvider>{node}</LeaveGuardProvider>
      </ToastProvider>
    </I18nProvider>,
  );
}

function backup(fileName: string, extra: Partial<BackupDto> = {}): BackupDto {
  return {
    path: `/data/backups/${fileName}`,
    fileName,
    place: "data",
    takenAt: "2026-12-05T10:02:00+00:00",
    kind: "daily",
    step: null,
    size: 8_500_000,
    usable: true,
    problem: null,
    problemMessage: null,
    orders: 1180,
    lots: 40,
    farmers: 12,
    lastOrderDate: "2026-12-05",
    schemaVersion: 14,
    ...extra,
  };
}

function list(extra: Partial<BackupList> = {}): BackupList {
  return {
    folder: "/data/backups",
    secondPlace: null,
    secondPlacePresent: false,
    lastOutsideBackup: null,
    outsideStale: true,
    current: { orders: 1204, lots: 42, farmers: 13 },
    backups: [
      backup("farmstall-20261206-080000-closing.db", { takenAt: "2026-12-06T08:00:00+00:00", kind: "closing", orders: 1204 }),
      backup("farmstall-20261205-100200-daily.db"),
      backup("notes.db", { takenAt: null, kind: "unknown", usable: false, problem: "not_farmstall", problemMessage: "it is the database of another program", orders: null, lots: null, farmers: null }),
    ],
    ...extra,
  };
}

const about = { version: "0.1.0", dataFolder: "/data", dbFile: "/data/farmstall.db", backupsFolder: "/data/backups", logsFolder: "/data/logs", secondPlace: null };

const report: RestoreReport = {
  restoredFrom: "/data/backups/farmstall-20261205-100200-daily.db",
  replacedKeptAt: "/data/farmstall.replaced-20261207-060000.db",
  beforeBackup: "/data/backups/farmstall-20261207-060000-before-restore.db",
  before: { orders: 1204, lots: 42, farmers: 13 },
  after: { orders: 1180, lots: 40, farmers: 12 },
  migratedFrom: null,
};

describe("the backups screen", () => {
  const reload = vi.fn();
  beforeEach(() => {
    invokeMock.mockReset();
    reload.mockReset();
    sessionStorage.clear();
    vi.stubGlobal("location", { ...window.location, reload });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists each backup with when, how and what it holds, and an unusable one without restore", async () => {
    backend({ list_backups: () => list(), about: () => about });
    wrap(<BackupScreen />);
    const rows = await screen.findAllByTestId("backup-row");
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain("12月5日 18:02");
    expect(rows[1]?.textContent).toContain("每天自动");
    expect(rows[1]?.textContent).toContain("订单 1180 笔");
    expect(within(rows[1] as HTMLElement).queryByTestId("backup-restore")).not.toBeNull();
    expect(rows[2]?.textContent).toContain("不是农家小店的备份");
    expect(within(rows[2] as HTMLElement).queryByTestId("backup-restore")).toBeNull();
    expect(screen.getByTestId("backup-newest").textContent).toContain("关闭时");
    // No stick chosen: the screen says what that risks.
    expect(screen.getByTestId("backup-outside-state").dataset.state).toBe("none");
    expect((await screen.findByTestId("about-data")).textContent).toBe("/data");
  });

  it("restores only after a confirmation comparing now and the backup, then reloads with a notice", async () => {
    backend({ list_backups: () => list(), about: () => about, restore_backup: () => report });
    wrap(<BackupScreen />);
    const rows = await screen.findAllByTestId("backup-row");
    fireEvent.click(within(rows[1] as HTMLElement).getByTestId("backup-restore"));
    const dialog = await screen.findByTestId("restore-confirm");
    expect(dialog.textContent).toContain("1204");
    expect(dialog.textContent).toContain("1180");
    expect(callsOf("restore_backup")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("restore-confirm-no"));
    await waitFor(() => expect(screen.queryByTestId("restore-confirm")).toBeNull());
    expect(callsOf("restore_backup")).toHaveLength(0);

    fireEvent.click(within(rows[1] as HTMLElement).getByTestId("backup-restore"));
    fireEvent.click(await screen.findByTestId("restore-confirm-yes"));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(callsOf("restore_backup")).toEqual([{ path: "/data/backups/farmstall-20261205-100200-daily.db" }]);
    // After the reload, the start says what changed, once.
    const notice = restoredNotice(sessionStorage, "zh-CN");
    // The time, then only the counts that changed (orders, farmers, lots), before → after.
    expect(notice?.map((p) => p.key)).toEqual(["backup.restored", "backup.restoredOrders", "backup.restoredFarmers", "backup.restoredLots"]);
    expect(notice?.[0]?.params).toMatchObject({ when: "12月5日 18:02" });
    expect(notice?.[1]?.params).toMatchObject({ before: 1204, after: 1180 });
    expect(sessionStorage.getItem(RESTORED_KEY)).toBeNull();
    expect(restoredNotice(sessionStorage)).toBeNull();
  });

  it("a refused restore says so and reloads nothing", async () => {
    backend({
      list_backups: () => list(),
      about: () => about,
      restore_backup: () => {
        throw { kind: "conflict", field: null, rule: "damaged", message: "it is damaged", errors: [] };
      },
    });
    wrap(<BackupScreen />);
    const rows = await screen.findAllByTestId("backup-row");
    fireEvent.click(within(rows[1] as HTMLElement).getByTestId("backup-restore"));
    fireEvent.click(await screen.findByTestId("restore-confirm-yes"));
    expect(await screen.findByText(/没能恢复，店铺数据没有改动/)).not.toBeNull();
    expect(reload).not.toHaveBeenCalled();
  });

  it("backing up to the stick without one chosen asks for it; a missing folder is named", async () => {
    backend({
      list_backups: () => list(),
      about: () => about,
      offered_backup_places: () => [{ path: "/media/mama/KINGSTON", label: "KINGSTON" }],
      set_backup_place: (args) => {
        if (args?.folder !== "/media/mama/KINGSTON") throw rejection([{ field: "folder", rule: "unknown_record" }]);
        return args.folder;
      },
      backup_now: () => ({ backup: backup("farmstall-20261207-060000-manual.db", { kind: "manual" }), copiedTo: "/media/mama/KINGSTON/farmstall-backups/x.db", outsideProblem: null, deleted: 0, millis: 200 }),
    });
    wrap(<BackupScreen />);
    fireEvent.click(await screen.findByTestId("backup-outside"));
    await screen.findByTestId("backup-place-dialog");
    expect(callsOf("backup_now")).toHaveLength(0);
    fireEvent.change(screen.getByTestId("backup-place-folder"), { target: { value: "/media/gone" } });
    fireEvent.click(screen.getByTestId("backup-place-save"));
    expect((await screen.findByTestId("error-backup-place-folder")).textContent).toContain("/media/gone");
    fireEvent.click(await screen.findByText("KINGSTON"));
    fireEvent.click(screen.getByTestId("backup-place-save"));
    await waitFor(() => expect(screen.queryByTestId("backup-place-dialog")).toBeNull());
    expect(callsOf("set_backup_place").at(-1)).toEqual({ folder: "/media/mama/KINGSTON" });
    // Chosen on the way to 备份到U盘: the backup follows at once, to the stick.
    await waitFor(() => expect(callsOf("backup_now")).toEqual([{ to: "/media/mama/KINGSTON" }]));
  });

  it("backs up to the chosen stick, and says when the stick was not there", async () => {
    const withStick = list({ secondPlace: "/media/mama/KINGSTON", secondPlacePresent: true, lastOutsideBackup: "2026-12-06T08:00:00+00:00", outsideStale: false });
    backend({
      list_backups: () => withStick,
      about: () => about,
      backup_now: () => ({ backup: backup("farmstall-20261207-060000-manual.db", { kind: "manual" }), copiedTo: "/media/mama/KINGSTON/farmstall-backups/x.db", outsideProblem: null, deleted: 0, millis: 200 }),
    });
    wrap(<BackupScreen />);
    expect((await screen.findByTestId("backup-outside-state")).dataset.state).toBe("fresh");
    fireEvent.click(screen.getByTestId("backup-outside"));
    expect(await screen.findByText(/U盘里也存了一份/)).not.toBeNull();
    expect(callsOf("backup_now")).toEqual([{ to: "/media/mama/KINGSTON" }]);
  });

  it("a stick that is not plugged in is said in plain words, without trying", async () => {
    backend({ list_backups: () => list({ secondPlace: "/media/mama/KINGSTON", secondPlacePresent: false }), about: () => about });
    wrap(<BackupScreen />);
    expect((await screen.findByTestId("backup-outside-state")).textContent).toContain("U盘现在没有插上");
    fireEvent.click(screen.getByTestId("backup-outside"));
    expect(await screen.findByText(/U盘没插上：请插上U盘/)).not.toBeNull();
    expect(callsOf("backup_now")).toHaveLength(0);
  });

  it("opened from the welcome or error screen, it only restores, and says how to find a stick", async () => {
    backend({ list_backups: () => list({ backups: [], current: null }), about: () => about });
    const onBack = vi.fn();
    wrap(<BackupScreen onBack={onBack} />);
    expect((await screen.findByTestId("backup-empty")).textContent).toContain("重新查找");
    expect(screen.queryByTestId("backup-now")).toBeNull();
    expect(screen.queryByTestId("backup-place")).toBeNull();
    fireEvent.click(screen.getByTestId("backup-look-again"));
    await waitFor(() => expect(callsOf("list_backups")).toHaveLength(2));
    fireEvent.click(screen.getByTestId("backup-back"));
    expect(onBack).toHaveBeenCalled();
  });

  it("the database-error screen offers the newest good backup", async () => {
    backend({ list_backups: () => list({ current: null }), restore_backup: () => report });
    const onBackups = vi.fn();
    wrap(<DbErrorScreen message="file is not a database" dbPath="/data/farmstall.db" kind="corrupt" onBackups={onBackups} />);
    expect((await screen.findByTestId("db-error-newest")).textContent).toContain("12月6日 16:00");
    fireEvent.click(screen.getByTestId("db-error-backups"));
    expect(onBackups).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("db-error-restore-newest"));
    fireEvent.click(await screen.findByTestId("restore-confirm-yes"));
    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(callsOf("restore_backup")).toEqual([{ path: "/data/backups/farmstall-20261206-080000-closing.db" }]);
  });
});
