// Shown instead of everything else when the database cannot be opened (or Rust does not answer).
import type { AppStatus } from "../bindings";
import type { MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";

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

export function DbErrorScreen({ message, dbPath, kind }: { message: string; dbPath: string; kind: OpenErrorKind }) {
  const { t } = useI18n();
  const hint = (kind !== null && KIND_HINTS[kind]) || "dbError.hint";
  return (
    <main className="fatal" data-testid="db-error" role="alert">
      <h1>{t("dbError.title")}</h1>
      <p>{t("dbError.intro")}</p>
      <p className="fatal-hint">{t(hint)}</p>
      <p className="fatal-label">{t("dbError.detailLabel")}</p>
      <pre className="fatal-message">{message}</pre>
      {dbPath ? (
        <>
          <p className="fatal-label">{t("dbError.pathLabel")}</p>
          <pre className="fatal-path">{dbPath}</pre>
        </>
      ) : null}
    </main>
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
