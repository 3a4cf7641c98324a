// Shown instead of everything else when the database cannot be opened (or Rust does not answer).
import { lazy, Suspense, useEffect, useState } from "react";
import * as api from "../api";
import type { AppStatus, BackupDto, Counts } from "../bindings";
import type { MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { formatTakenAt } from "./backupText";

// The restore's dialog comes with the backups screen, loaded when the person asks for it: an
// error start is rare, and the start's bundle stays small.
const RestoreDialog = lazy(() => import("./BackupScreen").then((m) => ({ default: m.RestoreDialog })));

/** Why the database could not be opened, as Rust codes it (`AppStatus.openErrorKind`). */
export type OpenErrorKind = AppStatus["openErrorKind"];

/** What to do, for the kinds that need more than "check the folder and start again". */
const KIND_HINTS: Partial<Record<NonNullable<OpenErrorKind>, MessageKey>> = {
  not_farmstall: "dbError.kind.not_farmstall",
  corrupt: "dbError.kind.corrupt",
  newer_version: "dbError.kind.newer_version",
  unknown_migration: "dbError.kind.unknown_migration",
  backup_failed: "dbError.kind.backup_failed",
  busy: "dbError.kind.busy",
  read_only: "dbError.kind.read_only",
  no_shop: "dbError.kind.no_shop",
  migration_failed: "dbError.kind.migration_failed",
};

export function DbErrorScreen({
  message,
  dbPath,
  kind,
  onBackups,
}: {
  message: string;
  dbPath: string;
  kind: OpenErrorKind;
  /** Opens the list of every backup. */
  onBackups: () => void;
}) {
  const { t } = useI18n();
  const hint = (kind !== null && KIND_HINTS[kind]) || "dbError.hint";
  return (
    <main className="fatal" data-testid="db-error" role="alert">
      <h1>{t("dbError.title")}</h1>
      <p>{t("dbError.intro")}</p>
      {/* The way out first: the newest good backup, one press away. */}
      <NewestBackup onBackups={onBackups} />
      <p className="fatal-hint">{t(hint)}</p>
      {dbPath ? (
        <>
          <p className="fatal-label">{t("dbError.pathLabel")}</p>
          <pre className="fatal-path">{dbPath}</pre>
        </>
      ) : null}
      {/* Rust's own words are for whoever helps: folded away, one click to show. */}
      <details className="fatal-details" data-testid="db-error-details">
        <summary>{t("dbError.detailLabel")}</summary>
        <pre className="fatal-message">{message}</pre>
      </details>
    </main>
  );
}

/** A shop that does not open: the newest good backup, one press away, and the whole list. */
function NewestBackup({ onBackups }: { onBackups: () => void }) {
  const { t, language } = useI18n();
  const [found, setFound] = useState<{ newest: BackupDto | null; current: Counts | null } | null>(null);
  const [confirm, setConfirm] = useState(false);
  useEffect(() => {
    let live = true;
    api.listBackups().then(
      (list) => {
        if (live) setFound({ newest: list.backups.find((b) => b.usable) ?? null, current: list.current });
      },
      () => {
        if (live) setFound({ newest: null, current: null });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  if (found === null) return null;
  const newest = found.newest;
  return (
    <section className="fatal-restore" data-testid="db-error-restore" aria-labelledby="db-error-restore-title">
      <h2 id="db-error-restore-title">{t("dbError.restoreTitle")}</h2>
      {newest ? (
        <>
          <p data-testid="db-error-newest">{t("dbError.restoreNewest", { when: formatTakenAt(newest.takenAt, language), orders: newest.orders ?? 0 })}</p>
          <div className="backup-actions">
            <button type="button" className="btn btn-primary" data-testid="db-error-restore-newest" onClick={() => setConfirm(true)}>
              {t("dbError.restoreThis")}
            </button>
            <button type="button" className="btn btn-secondary" data-testid="db-error-backups" onClick={onBackups}>
              {t("dbError.restoreAll")}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t("dbError.restoreNone")}</p>
          <button type="button" className="btn btn-secondary" data-testid="db-error-backups" onClick={onBackups}>
            {t("dbError.restoreAll")}
          </button>
        </>
      )}
      {confirm && newest ? (
        <Suspense fallback={null}>
          <RestoreDialog backup={newest} current={found.current} onClose={() => setConfirm(false)} />
        </Suspense>
      ) : null}
    </section>
  );
}

export function StartupErrorScreen({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <main className="fatal" data-testid="startup-error" role="alert">
      <h1>{t("startupError.title")}</h1>
      <pre className="fatal-message">{message}</pre>
      <p>{t("startupError.hint")}</p>
    </main>
  );
}
