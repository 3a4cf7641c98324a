// Shown instead of everything else when the database cannot be opened (or Rust does not answer).
import { useI18n } from "../i18nContext";

export function DbErrorScreen({ message, dbPath }: { message: string; dbPath: string }) {
  const { t } = useI18n();
  return (
    <main className="fatal" data-testid="db-error" role="alert">
      <h1>{t("dbError.title")}</h1>
      <p>{t("dbError.intro")}</p>
      <pre className="fatal-message">{message}</pre>
      {dbPath ? (
        <>
          <p className="fatal-label">{t("dbError.pathLabel")}</p>
          <pre className="fatal-path">{dbPath}</pre>
        </>
      ) : null}
      <p>{t("dbError.hint")}</p>
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
