// The marketplace connection of the sync screen (`sync-connection`): not connected, the built-in demo
// marketplace (`sync-connect-demo`) or a real one (`marketplace-form`); connected, where to and how,
// with "change settings" and "disconnect". Connecting and disconnecting are behind the owner's PIN:
// a `locked` refusal asks for it and tries again. The secret and the session are only ever typed:
// Rust never sends them back, and the form forgets them once saved.
import { useState, type FormEvent } from "react";
import * as api from "../api";
import { useBlockLeave, useDiscardGuard } from "../components/DiscardGuard";
import { FormError, SelectField, TextField } from "../components/Field";
import { useToast } from "../components/Toast";
import { useUnlock } from "../components/Unlock";
import { errorPhrases, problemOf, type FormProblem } from "../formErrors";
import { useSaveForm } from "../hooks";
import { phrase, type MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import type { MarketplaceInput, MarketplaceSettings } from "../bindings";
import { ListError } from "./ListToolbar";

export const SIGN_METHODS = ["hmac-sha256", "hmac", "md5"] as const;

type Field = "baseUrl" | "appKey" | "secret" | "session" | "signMethod";
const FIELDS: readonly Field[] = ["baseUrl", "appKey", "secret", "session", "signMethod"];

function signMethodKey(method: string): MessageKey | null {
  return method === "hmac-sha256" ? "sync.sign.hmacSha256" : method === "hmac" ? "sync.sign.hmac" : method === "md5" ? "sync.sign.md5" : null;
}

export function SyncConnection({
  settings,
  error,
  onChanged,
  onConnected,
}: {
  settings: MarketplaceSettings | null;
  error: api.ApiError | null;
  /** Disconnected: the screen reads everything again. */
  onChanged: () => void;
  /** Connected (demo or real): the screen asks for a round and reads everything again. */
  onConnected: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const unlock = useUnlock();
  const [editing, setEditing] = useState(false);
  const [demo, setDemo] = useState<{ busy: boolean; mapped: number | null; problem: FormProblem | null }>({ busy: false, mapped: null, problem: null });
  const [confirming, setConfirming] = useState(false);
  const [forgetting, setForgetting] = useState(false);

  async function connectDemo() {
    setDemo({ busy: true, mapped: null, problem: null });
    try {
      const mapped = await unlock.retry(() => api.connectDemoMarketplace());
      setDemo({ busy: false, mapped: Number(mapped), problem: null });
      setEditing(false);
      onConnected();
    } catch (reason) {
      setDemo({ busy: false, mapped: null, problem: problemOf(reason) });
    }
  }

  async function disconnect() {
    setForgetting(true);
    try {
      await unlock.retry(() => api.forgetMarketplace());
      toast.show({ message: phrase("sync.disconnectedToast") });
      setDemo({ busy: false, mapped: null, problem: null });
      setEditing(false);
      onChanged();
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    } finally {
      setForgetting(false);
      setConfirming(false);
    }
  }

  const mappedNote =
    demo.mapped !== null ? (
      <p className={`sync-note${demo.mapped === 0 ? " sync-note-warn" : ""}`} data-testid="sync-demo-mapped" data-count={demo.mapped} role="status">
        {demo.mapped === 0 ? t("sync.demoMappedNone") : t("sync.demoMapped", { count: demo.mapped })}
      </p>
    ) : null;

  return (
    <section className="card sync-section" data-testid="sync-connection" data-connected={settings ? String(settings.connected) : undefined} aria-labelledby="sync-connection-title">
      <h2 id="sync-connection-title" className="sync-section-title">
        {t("sync.connectionTitle")}
      </h2>
      {error ? <ListError text={t("sync.settingsFailed")} detail={t("error.detail", { message: error.message })} /> : null}
      {settings === null ? (
        error ? null : <p className="muted">{t("common.loading")}</p>
      ) : settings.connected ? (
        <>
          <dl className="sync-facts" data-testid="sync-connected">
            <div>
              <dt>{t("sync.field.baseUrl")}</dt>
              <dd>
                <code data-testid="sync-baseUrl">{settings.baseUrl}</code>{" "}
                {settings.demo ? (
                  <span className="badge badge-demo" data-testid="sync-demo-badge">
                    {t("sync.demoBadge")}
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t("sync.field.appKey")}</dt>
              <dd>
                <code data-testid="sync-appKey">{settings.appKey}</code>
              </dd>
            </div>
            <div>
              <dt>{t("sync.field.signMethod")}</dt>
              <dd>{signMethodKey(settings.signMethod) ? t(signMethodKey(settings.signMethod) as MessageKey) : settings.signMethod}</dd>
            </div>
          </dl>
          {mappedNote}
          {editing ? (
            <MarketplaceForm
              settings={settings}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                setDemo({ busy: false, mapped: null, problem: null });
                toast.show({ message: phrase("sync.savedToast") });
                onConnected();
              }}
            />
          ) : confirming ? (
            <div className="sync-confirm" data-testid="sync-disconnect-confirm" role="alertdialog" aria-label={t("sync.disconnectAsk")}>
              <span>{t("sync.disconnectAsk")}</span>
              <button type="button" className="btn btn-small btn-secondary" data-testid="sync-disconnect-no" autoFocus onClick={() => setConfirming(false)}>
                {t("sync.disconnectNo")}
              </button>
              <button type="button" className="btn btn-small btn-danger" data-testid="sync-disconnect-yes" disabled={forgetting} onClick={() => void disconnect()}>
                {t("sync.disconnectYes")}
              </button>
            </div>
          ) : (
            <div className="detail-actions">
              <button type="button" className="btn btn-secondary" data-testid="sync-edit" onClick={() => setEditing(true)}>
                {t("sync.edit")}
              </button>
              <button type="button" className="btn btn-danger" data-testid="sync-disconnect" onClick={() => setConfirming(true)}>
                {t("sync.disconnect")}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <p className="form-lead">{t("sync.notConnected")}</p>
          <div className="sync-choices">
            <div className="sync-choice">
              <h3>{t("sync.demoTitle")}</h3>
              <p className="muted">{t("sync.demoLead")}</p>
              <button type="button" className="btn btn-primary" data-testid="sync-connect-demo" disabled={demo.busy} onClick={() => void connectDemo()}>
                {demo.busy ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
                {demo.busy ? t("sync.connectingDemo") : t("sync.connectDemo")}
              </button>
              {demo.problem ? (
                <div data-testid="sync-demo-error">
                  <FormError problem={demo.problem} />
                </div>
              ) : null}
            </div>
            <div className="sync-choice">
              <h3>{t("sync.realTitle")}</h3>
              <p className="muted">{t("sync.realLead")}</p>
              <MarketplaceForm
                settings={settings}
                onSaved={() => {
                  toast.show({ message: phrase("sync.savedToast") });
                  onConnected();
                }}
              />
            </div>
          </div>
          {mappedNote}
        </>
      )}
    </section>
  );
}

type Values = MarketplaceInput;

function initialValues(settings: MarketplaceSettings): Values {
  return {
    baseUrl: settings.connected ? settings.baseUrl : "",
    appKey: settings.connected ? settings.appKey : "",
    secret: "",
    session: "",
    signMethod: signMethodKey(settings.signMethod) ? settings.signMethod : "hmac-sha256",
  };
}

function MarketplaceForm({
  settings,
  onSaved,
  onCancel,
}: {
  settings: MarketplaceSettings;
  onSaved: (settings: MarketplaceSettings) => void;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const unlock = useUnlock();
  const [values, setValues] = useState<Values>(() => initialValues(settings));
  const labels: Record<Field, string> = {
    baseUrl: t("sync.field.baseUrl"),
    appKey: t("sync.field.appKey"),
    secret: t("sync.field.secret"),
    session: t("sync.field.session"),
    signMethod: t("sync.field.signMethod"),
  };
  const form = useSaveForm<Field, Values>(labels, values);
  const { clearError, setBaseline } = form;
  useBlockLeave(form.dirty);
  const guard = useDiscardGuard(form.dirty);

  const set = (name: Field) => (value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    clearError(name);
  };

  function error(name: Field): string | undefined {
    const issue = form.errors.fields[name];
    if (name === "baseUrl" && issue?.rule === "not_allowed") return t("sync.err.baseUrl");
    return form.error(name);
  }

  function submit(e: FormEvent) {
    const input: MarketplaceInput = {
      baseUrl: values.baseUrl.trim(),
      appKey: values.appKey.trim(),
      secret: values.secret.trim(),
      session: values.session.trim(),
      signMethod: values.signMethod,
    };
    void form.submit(e, {
      shown: FIELDS,
      save: () => unlock.retry(() => api.saveMarketplace(input)),
      onSaved: (saved) => {
        const next = { ...initialValues(saved), secret: "", session: "" };
        setValues(next);
        setBaseline(next);
        onSaved(saved);
      },
    });
  }

  const keep = settings.connected;
  return (
    <form data-testid="marketplace-form" className="form sync-form" onSubmit={submit} noValidate ref={form.ref}>
      <div className="form-grid">
        <TextField
          form="marketplace"
          name="baseUrl"
          className="field-wide"
          label={labels.baseUrl}
          required
          placeholder="https://eco.taobao.com"
          value={values.baseUrl}
          onChange={set("baseUrl")}
          error={error("baseUrl")}
          hint={t("sync.baseUrlHint")}
        />
        <TextField form="marketplace" name="appKey" label={labels.appKey} required value={values.appKey} onChange={set("appKey")} error={error("appKey")} />
        <SelectField form="marketplace" name="signMethod" label={labels.signMethod} value={values.signMethod} onChange={set("signMethod")} error={error("signMethod")}>
          {SIGN_METHODS.map((m) => (
            <option key={m} value={m}>
              {t(signMethodKey(m) as MessageKey)}
            </option>
          ))}
        </SelectField>
        <TextField
          form="marketplace"
          name="secret"
          type="password"
          label={labels.secret}
          required={!(keep && settings.hasSecret)}
          value={values.secret}
          onChange={set("secret")}
          error={error("secret")}
          hint={keep && settings.hasSecret ? t("sync.keepHint") : undefined}
        />
        <TextField
          form="marketplace"
          name="session"
          type="password"
          label={labels.session}
          required={!(keep && settings.hasSession)}
          value={values.session}
          onChange={set("session")}
          error={error("session")}
          hint={keep && settings.hasSession ? t("sync.keepHint") : undefined}
        />
      </div>
      <FormError problem={form.errors.form} />
      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="btn btn-secondary" data-testid="marketplace-cancel" onClick={() => guard.leave(onCancel)}>
            {t("common.cancel")}
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" data-testid="marketplace-save" disabled={form.saving}>
          {form.saving ? t("common.saving") : t("sync.save")}
        </button>
      </div>
      {guard.prompt}
    </form>
  );
}
