// 备份与恢复: the backups of both places (this PC's data folder and a USB stick), backing up now,
// choosing the stick, restoring one, and where everything lives (the about facts). It works without
// an open shop too: the welcome and database-error screens open it (`onBack` leads back there).
// Rust does the work (docs/ipc.md, "Backups, restore, about").
import { useCallback, useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { About, BackupDto, BackupList, Counts, Language, OfferedPlace } from "../bindings";
import { TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError } from "./ListToolbar";
import { RESTORED_KEY, formatSize, formatTakenAt, kindKey, problemKey } from "./backupText";

function useBackups(): { list: BackupList | null; error: api.ApiError | null; reload: () => void } {
  const [state, setState] = useState<{ list: BackupList | null; error: api.ApiError | null }>({ list: null, error: null });
  const [token, setToken] = useState(0);
  useEffect(() => {
    let current = true;
    api.listBackups().then(
      (list) => {
        if (current) setState({ list, error: null });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ list: s.list, error: api.toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [token]);
  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, reload };
}

/** Restores `backup` and reloads the window, leaving the report for the start to tell. */
export async function restoreAndReload(backup: BackupDto, language: Language): Promise<void> {
  const report = await api.restoreBackup(backup.path);
  try {
    sessionStorage.setItem(RESTORED_KEY, JSON.stringify({ ...report, takenAt: backup.takenAt, language }));
  } catch {
    // Only the notice after the reload is lost; the restore itself is done.
  }
  window.location.reload();
}

export function BackupScreen({ onBack }: { onBack?: () => void }) {
  const { t, language } = useI18n();
  const toast = useToast();
  const { list, error, reload } = useBackups();
  const [busy, setBusy] = useState<"here" | "outside" | null>(null);
  // The stick chooser, and whether it was opened by 备份到U盘 (then the backup follows the choice).
  const [choosing, setChoosing] = useState<"place" | "backup" | null>(null);
  const [confirm, setConfirm] = useState<BackupDto | null>(null);
  // Opened from the welcome or database-error screen: there is no shop here to back up, only
  // backups to bring back (from this PC or a stick plugged in).
  const rescue = onBack !== undefined;

  async function backUp(outside: boolean, place: string | null = list?.secondPlace ?? null) {
    if (outside && place === null) {
      setChoosing("backup");
      return;
    }
    if (outside && place === list?.secondPlace && list.secondPlacePresent === false) {
      toast.show({ message: phrase("backup.stickAwayNow"), error: true });
      return;
    }
    setBusy(outside ? "outside" : "here");
    try {
      const done = await api.backupNow(outside ? place : null);
      const when = formatTakenAt(done.backup.takenAt, language);
      if (done.copiedTo) toast.show({ message: phrase("backup.doneOutside", { when }) });
      else if (done.outsideProblem) {
        // A stick that is not plugged in is the everyday case; its words, not the system's.
        const away = list !== null && list.secondPlace !== null && !list.secondPlacePresent;
        toast.show({
          message: away ? phrase("backup.doneHereStickAway", { when }) : [phrase("backup.doneHereOnly", { when }), phrase("backup.outsideProblem", { problem: done.outsideProblem })],
          error: !away,
        });
      } else toast.show({ message: phrase("backup.done", { when }) });
    } catch (reason) {
      toast.show({ message: [phrase("backup.failed"), ...errorPhrases(reason)], error: true });
    } finally {
      setBusy(null);
      reload();
    }
  }

  const newest = list?.backups.find((b) => b.usable) ?? null;
  return (
    <section className="screen backup-screen" data-testid="backup-screen" aria-labelledby="backup-title">
      <header className="screen-header">
        {onBack ? (
          <button type="button" className="btn btn-small btn-quiet" data-testid="backup-back" onClick={onBack}>
            {t("backup.back")}
          </button>
        ) : null}
        <h1 id="backup-title">{t("backup.title")}</h1>
        <p className="screen-intro">{t("backup.intro")}</p>
      </header>
      {error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: error.message })} /> : null}
      <section className="card backup-status" data-testid="backup-status" aria-labelledby="backup-status-title">
        <h2 id="backup-status-title" className="backup-section-title">
          {t("backup.statusTitle")}
        </h2>
        <p data-testid="backup-newest">
          {newest ? t("backup.newest", { when: formatTakenAt(newest.takenAt, language), kind: t(kindKey(newest)) }) : list ? t("backup.none") : t("common.loading")}
        </p>
        {list && !rescue ? <OutsideState list={list} /> : null}
        {rescue ? (
          <div className="backup-actions">
            <p className="muted" data-testid="backup-rescue-hint">
              {t("backup.rescueHint")}
            </p>
            <button type="button" className="btn btn-secondary" data-testid="backup-look-again" onClick={reload}>
              {t("backup.lookAgain")}
            </button>
          </div>
        ) : (
        <div className="backup-actions">
          <button type="button" className="btn btn-primary" data-testid="backup-now" disabled={busy !== null || list === null} onClick={() => void backUp(false)}>
            {busy === "here" ? t("backup.working") : t("backup.now")}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="backup-outside" disabled={busy !== null || list === null} onClick={() => void backUp(true)}>
            {busy === "outside" ? t("backup.working") : t("backup.toStick")}
          </button>
          {busy ? (
            <span className="busy" role="status">
              <span className="spinner" aria-hidden="true" />
              {t("backup.workingHint")}
            </span>
          ) : null}
        </div>
        )}
      </section>
      {list && !rescue ? <PlaceSection list={list} onChoose={() => setChoosing("place")} onChanged={reload} /> : null}
      <section className="card backup-list" aria-labelledby="backup-list-title">
        <h2 id="backup-list-title" className="backup-section-title">
          {t("backup.listTitle")}
        </h2>
        {list === null ? (
          <p className="muted">{t("common.loading")}</p>
        ) : list.backups.length === 0 ? (
          <div className="empty" data-testid="backup-empty">
            {rescue ? t("backup.emptyRescue") : t("backup.empty")}
          </div>
        ) : (
          <BackupTable backups={list.backups} busy={busy !== null} onRestore={setConfirm} />
        )}
      </section>
      <AboutSection />
      {choosing ? (
        <PlaceDialog
          current={list?.secondPlace ?? null}
          onClose={() => setChoosing(null)}
          onSaved={(place) => {
            const then = choosing;
            setChoosing(null);
            reload();
            // Chosen on the way to 备份到U盘: the backup the person asked for follows at once.
            if (then === "backup" && place !== null) void backUp(true, place);
          }}
        />
      ) : null}
      {confirm ? <RestoreDialog backup={confirm} current={list?.current ?? null} onClose={() => setConfirm(null)} /> : null}
    </section>
  );
}

function OutsideState({ list }: { list: BackupList }) {
  const { t, language } = useI18n();
  if (list.secondPlace === null) {
    return (
      <p className="backup-warning" data-testid="backup-outside-state" data-state="none">
        {t("backup.outsideNone")}
      </p>
    );
  }
  const last = list.lastOutsideBackup ? formatTakenAt(list.lastOutsideBackup, language) : null;
  const warn = list.outsideStale || !list.secondPlacePresent;
  return (
    <p className={warn ? "backup-warning" : ""} data-testid="backup-outside-state" data-state={list.outsideStale ? "stale" : "fresh"}>
      {last ? t("backup.outsideLast", { when: last }) : t("backup.outsideNever")}
      {last && list.outsideStale ? ` ${t("backup.outsideStale")}` : ""}
      {list.secondPlacePresent ? "" : ` ${t("backup.stickAway")}`}
    </p>
  );
}

function PlaceSection({ list, onChoose, onChanged }: { list: BackupList; onChoose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  async function clear() {
    try {
      await api.setBackupPlace(null);
      toast.show({ message: phrase("backup.placeCleared") });
      onChanged();
    } catch (reason) {
      toast.show({ message: [phrase("backup.placeFailed"), ...errorPhrases(reason)], error: true });
    }
  }
  return (
    <section className="card backup-place" data-testid="backup-place" aria-labelledby="backup-place-title">
      <h2 id="backup-place-title" className="backup-section-title">
        {t("backup.placeTitle")}
      </h2>
      <p className="muted">{t("backup.placeIntro")}</p>
      {list.secondPlace ? (
        <p>
          {t("backup.placeNow")} <code data-testid="backup-place-path" data-verbatim>{list.secondPlace}</code>
        </p>
      ) : null}
      <div className="backup-actions">
        <button type="button" className="btn btn-secondary" data-testid="backup-place-choose" onClick={onChoose}>
          {list.secondPlace ? t("backup.placeChange") : t("backup.placeChoose")}
        </button>
        {list.secondPlace ? (
          <button type="button" className="btn btn-quiet" data-testid="backup-place-clear" onClick={() => void clear()}>
            {t("backup.placeClear")}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** `busy`: a backup is being made; restoring waits until it is done. */
function BackupTable({ backups, busy, onRestore }: { backups: BackupDto[]; busy: boolean; onRestore: (b: BackupDto) => void }) {
  const { t, language } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="backup-table">
        <thead>
          <tr>
            <th>{t("backup.colTime")}</th>
            <th>{t("backup.colKind")}</th>
            <th>{t("backup.colHolds")}</th>
            <th className="col-optional">{t("backup.colSize")}</th>
            <th className="col-actions">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {backups.map((b) => (
            <tr key={b.path} data-testid="backup-row" data-file={b.fileName} data-place={b.place} data-usable={String(b.usable)}>
              <td>
                {b.takenAt ? formatTakenAt(b.takenAt, language) : <span data-verbatim>{b.fileName}</span>}
                <div className="muted">{b.place === "outside" ? t("backup.placeOutside") : t("backup.placeHere")}</div>
              </td>
              <td>{t(kindKey(b))}</td>
              <td>
                {b.usable ? (
                  t("backup.holds", { orders: b.orders ?? 0, lots: b.lots ?? 0, farmers: b.farmers ?? 0 })
                ) : (
                  <span className="backup-unusable" title={b.problemMessage ?? undefined}>
                    {t(problemKey(b.problem))}
                  </span>
                )}
              </td>
              <td className="col-optional">{formatSize(b.size)}</td>
              <td className="col-actions">
                {b.usable ? (
                  <button type="button" className="btn btn-small btn-secondary" data-testid="backup-restore" disabled={busy} onClick={() => onRestore(b)}>
                    {t("backup.restore")}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the shop holds now and what the backup holds, side by side, then restore or not. */
export function RestoreDialog({ backup, current, onClose }: { backup: BackupDto; current: Counts | null; onClose: () => void }) {
  const { t, language } = useI18n();
  const toast = useToast();
  const [working, setWorking] = useState(false);
  async function restore() {
    setWorking(true);
    try {
      await restoreAndReload(backup, language);
    } catch (reason) {
      setWorking(false);
      const kind = api.toApiError(reason).kind;
      // A refusal (not a backup, damaged, newer, locked, sync busy) changed nothing. Anything else
      // may have failed after the file was replaced: if the shop no longer opens, the reload shows
      // why and offers the backups again.
      if (kind === "conflict" || kind === "validation" || kind === "not_found" || kind === "locked") {
        toast.show({ message: [phrase("backup.restoreFailed"), ...errorPhrases(reason)], error: true });
        return;
      }
      toast.show({ message: [phrase("backup.restoreUnfinished"), ...errorPhrases(reason)], error: true });
      api.getStatus().then(
        (status) => {
          if (status.openError !== null) window.location.reload();
        },
        () => window.location.reload(),
      );
    }
  }
  const rows: { id: string; label: string; now: number | null; then: number | null }[] = [
    { id: "orders", label: t("backup.orders"), now: current?.orders ?? null, then: backup.orders },
    { id: "lots", label: t("backup.lots"), now: current?.lots ?? null, then: backup.lots },
    { id: "farmers", label: t("backup.farmers"), now: current?.farmers ?? null, then: backup.farmers },
  ];
  return (
    <Modal title={t("backup.confirmTitle")} dirty={false} onClose={() => (working ? undefined : onClose())}>
      <div className="restore-confirm" data-testid="restore-confirm">
        <p>{t("backup.confirmText", { when: formatTakenAt(backup.takenAt, language) })}</p>
        <table className="table restore-compare">
          <thead>
            <tr>
              <th />
              <th>{t("backup.confirmNow")}</th>
              <th>{t("backup.confirmThen")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`restore-compare-${r.id}`}>
                <th scope="row">{r.label}</th>
                <td>{r.now ?? "—"}</td>
                <td>{r.then ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{current === null ? t("backup.confirmSafeRescue") : t("backup.confirmSafe", { when: formatTakenAt(backup.takenAt, language) })}</p>
        <div className="form-actions">
          <button type="button" className="btn btn-danger" data-testid="restore-confirm-yes" disabled={working} onClick={() => void restore()}>
            {working ? t("backup.restoring") : t("backup.confirmYes")}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="restore-confirm-no" disabled={working} onClick={onClose}>
            {t("common.cancel")}
          </button>
          {working ? (
            <span className="busy" role="status">
              <span className="spinner" aria-hidden="true" />
              {t("backup.restoringHint")}
            </span>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}

function PlaceDialog({ current, onClose, onSaved }: { current: string | null; onClose: () => void; onSaved: (place: string | null) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [offered, setOffered] = useState<OfferedPlace[] | null>(null);
  const [folder, setFolder] = useState(current ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    let live = true;
    api.offeredBackupPlaces().then(
      (places) => {
        if (live) setOffered(places);
      },
      () => {
        if (live) setOffered([]);
      },
    );
    return () => {
      live = false;
    };
  }, []);
  async function save(e?: FormEvent) {
    e?.preventDefault();
    setSaving(true);
    setProblem(null);
    try {
      const place = await api.setBackupPlace(folder.trim() === "" ? null : folder.trim());
      toast.show({ message: phrase("backup.placeSaved") });
      onSaved(place);
    } catch (reason) {
      const err = api.toApiError(reason);
      setProblem(err.field === "folder" || err.errors.some((i) => i.field === "folder") ? t("backup.placeMissing", { folder: folder.trim() }) : err.message);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal title={t("backup.placeTitle")} dirty={folder !== (current ?? "")} onClose={onClose}>
      <form className="backup-place-form" data-testid="backup-place-dialog" onSubmit={(e) => void save(e)}>
        <p className="form-lead">{t("backup.placeHow")}</p>
        {offered === null ? (
          <p className="muted">{t("common.loading")}</p>
        ) : offered.length === 0 ? (
          <p className="muted" data-testid="backup-place-none">
            {t("backup.placeNoneFound")}
          </p>
        ) : (
          <div className="backup-offered" role="group" aria-label={t("backup.placeFound")}>
            {offered.map((o) => (
              <button
                type="button"
                key={o.path}
                className={`choice${folder === o.path ? " choice-primary" : ""}`}
                data-testid="backup-place-offered"
                aria-pressed={folder === o.path}
                onClick={() => setFolder(o.path)}
              >
                <span className="choice-title">{o.label}</span>
                <span className="choice-hint" data-verbatim>
                  {o.path}
                </span>
              </button>
            ))}
          </div>
        )}
        <TextField form="backup-place" name="folder" label={t("backup.placeFolder")} value={folder} onChange={setFolder} error={problem ?? undefined} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="backup-place-save" disabled={saving}>
            {t("common.save")}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function AboutSection() {
  const { t } = useI18n();
  const [about, setAbout] = useState<About | null>(null);
  useEffect(() => {
    let live = true;
    api.about().then(
      (a) => {
        if (live) setAbout(a);
      },
      () => undefined, // the about facts are a nicety; the list above reports real failures
    );
    return () => {
      live = false;
    };
  }, []);
  if (about === null) return null;
  const rows: [string, string, string][] = [
    [t("about.version"), about.version, "about-version"],
    [t("about.dataFolder"), about.dataFolder, "about-data"],
    [t("about.backupsFolder"), about.backupsFolder, "about-backups"],
    [t("about.secondPlace"), about.secondPlace ?? t("about.noSecondPlace"), "about-second"],
    [t("about.logsFolder"), about.logsFolder, "about-logs"],
  ];
  return (
    <section className="card about" data-testid="about" aria-labelledby="about-title">
      <h2 id="about-title" className="backup-section-title">
        {t("about.title")}
      </h2>
      <dl className="about-facts">
        {rows.map(([label, value, id]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={id} data-verbatim>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
