// First start (no shop yet): set up a shop, or look around in the demo shop.
import { FormError } from "../components/FormError";
import { LeafIcon } from "../components/Icons";
import type { FormProblem } from "../formErrors";
import { useI18n } from "../i18nContext";

export function WelcomeScreen({
  busy,
  error,
  onSetup,
  onDemo,
  onDemoImport,
  onRestore,
}: {
  busy: boolean;
  error: FormProblem | null;
  onSetup: () => void;
  onDemo: () => void;
  /** The demo shop, opened on the import of its platforms' export files. */
  onDemoImport: () => void;
  /** The backups: a new PC, or starting again from an earlier copy. */
  onRestore: () => void;
}) {
  const { t } = useI18n();
  return (
    <section className="screen welcome" data-testid="welcome" aria-labelledby="welcome-title" aria-busy={busy}>
      <div className="welcome-mark">
        <LeafIcon size={56} />
      </div>
      <h1 id="welcome-title">{t("welcome.title")}</h1>
      <p className="welcome-text">{t("welcome.text")}</p>
      <p className="welcome-choose">{t("welcome.choose")}</p>
      <div className="welcome-choices">
        <button type="button" className="choice choice-primary" data-testid="welcome-setup" disabled={busy} onClick={onSetup}>
          <span className="choice-title">{t("welcome.setup")}</span>
          <span className="choice-hint">{t("welcome.setupHint")}</span>
        </button>
        <button type="button" className="choice" data-testid="welcome-demo" disabled={busy} onClick={onDemo}>
          <span className="choice-title">{busy ? t("welcome.loadingDemo") : t("welcome.demo")}</span>
          <span className="choice-hint">{t("welcome.demoHint")}</span>
        </button>
        <button type="button" className="choice" data-testid="welcome-demo-import" disabled={busy} onClick={onDemoImport}>
          <span className="choice-title">{t("welcome.demoImport")}</span>
          <span className="choice-hint">{t("welcome.demoImportHint")}</span>
        </button>
        <button type="button" className="choice" data-testid="welcome-restore" disabled={busy} onClick={onRestore}>
          <span className="choice-title">{t("welcome.restore")}</span>
          <span className="choice-hint">{t("welcome.restoreHint")}</span>
        </button>
      </div>
      {busy ? (
        <p className="busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {t("welcome.loadingDemo")}
        </p>
      ) : null}
      <FormError problem={error} />
    </section>
  );
}
