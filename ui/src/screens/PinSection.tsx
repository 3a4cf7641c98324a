// The owner's PIN (店主密码) on the shop screen: set one (typed twice), change it (the current one,
// then the new one twice) or remove it (the current one, after asking). Once set, pay and the shop's
// settings ask for it. Rust checks the PIN (4 to 8 digits) and counts wrong tries (docs/ipc.md, "The
// owner's PIN"); the UI only catches what needs no Rust: a PIN not typed, and two entries that differ.
import { useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { PinStatus } from "../bindings";
import { TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useToast } from "../components/Toast";
import { pinRefusal } from "../components/Unlock";
import { explainError, problemOf, problemParts, type FormProblem, type Issue } from "../formErrors";
import { phrase, type MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";

type PinField = "current" | "new" | "repeat";

/** What is wrong with a field: caught here (nothing typed, the two entries differ) or Rust's answer. */
type FieldProblem = { local: "required" | "mismatch" } | { issue: Issue };

const REQUIRED: Readonly<Record<PinField, MessageKey>> = {
  current: "pin.err.currentRequired",
  new: "pin.err.newRequired",
  repeat: "pin.err.repeatRequired",
};

const EMPTY = { current: "", new: "", repeat: "" };

export function PinSection() {
  const { t } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<PinStatus | null>(null);
  const [input, setInput] = useState<Record<PinField, string>>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<PinField, FieldProblem>>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let current = true;
    api.pinStatus().then(
      (s) => {
        if (current) setStatus(s);
      },
      (reason: unknown) => {
        if (current) setProblem(problemOf(reason));
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const labels: Record<PinField, string> = {
    current: t("pin.field.current"),
    new: status?.set ? t("pin.field.new") : t("pin.field.first"),
    repeat: t("pin.field.repeat"),
  };

  function message(name: PinField): string | undefined {
    const p = errors[name];
    if (!p) return undefined;
    if ("local" in p) return p.local === "mismatch" ? t("pin.err.mismatch") : t(REQUIRED[name]);
    return pinRefusal(t, p.issue, labels[name]);
  }

  function set(name: PinField, value: string) {
    setInput((prev) => ({ ...prev, [name]: value }));
    setErrors((prev) => {
      const next = { ...prev };
      delete next[name];
      // Typing the new PIN again may make the two entries agree.
      if (name === "new") delete next.repeat;
      return next;
    });
  }

  /** Rust's refusal: a wrong current PIN or waiting at `current`, a PIN that is not 4 to 8 digits at `new`. */
  function refused(reason: unknown) {
    const explained = explainError<PinField>(reason, ["current", "new"]);
    const fields: Partial<Record<PinField, FieldProblem>> = {};
    for (const name of ["current", "new"] as const) {
      const issue = explained.fields[name];
      if (issue) fields[name] = { issue };
    }
    setErrors(fields);
    setProblem(explained.form);
    // A wrong PIN is typed again from the start.
    if (fields.current) setInput((prev) => ({ ...prev, current: "" }));
  }

  async function change(current: string, next: string, done: MessageKey) {
    setBusy(true);
    setProblem(null);
    try {
      const after = await api.setPin(current, next);
      setStatus(after);
      setInput(EMPTY);
      setErrors({});
      toast.show({ message: phrase(done) });
    } catch (reason) {
      refused(reason);
    } finally {
      setBusy(false);
    }
  }

  function save(e: FormEvent) {
    e.preventDefault();
    if (busy || !status) return;
    const found: Partial<Record<PinField, FieldProblem>> = {};
    if (status.set && input.current.trim() === "") found.current = { local: "required" };
    // An empty new PIN would remove it: that is the other button.
    if (input.new.trim() === "") found.new = { local: "required" };
    else if (input.repeat.trim() === "") found.repeat = { local: "required" };
    else if (input.repeat.trim() !== input.new.trim()) found.repeat = { local: "mismatch" };
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    void change(status.set ? input.current.trim() : "", input.new.trim(), status.set ? "pin.changedToast" : "pin.setToast");
  }

  function askRemove() {
    if (busy) return;
    if (input.current.trim() === "") {
      setErrors({ current: { local: "required" } });
      return;
    }
    setErrors({});
    setConfirming(true);
  }

  const stateKey: MessageKey = status === null ? "common.loading" : status.set ? "pin.stateSet" : "pin.stateNone";
  const parts = problem ? problemParts(problem) : null;

  return (
    <form className="form card pin-form" data-testid="pin-section" aria-labelledby="pin-title" onSubmit={save} noValidate>
      <fieldset className="form-section">
        <legend id="pin-title">{t("pin.title")}</legend>
        <p className="form-lead" data-testid="pin-state" data-set={status ? String(status.set) : undefined}>
          {t(stateKey)}
        </p>
        {status ? (
          <div className="form-grid">
            {status.set ? (
              <TextField
                form="pin"
                name="current"
                type="password"
                inputMode="numeric"
                className="field-wide"
                label={labels.current}
                value={input.current}
                onChange={(v) => set("current", v)}
                error={message("current")}
              />
            ) : null}
            <TextField
              form="pin"
              name="new"
              type="password"
              inputMode="numeric"
              label={labels.new}
              hint={t("pin.hint")}
              value={input.new}
              onChange={(v) => set("new", v)}
              error={message("new")}
            />
            <TextField
              form="pin"
              name="repeat"
              type="password"
              inputMode="numeric"
              label={labels.repeat}
              value={input.repeat}
              onChange={(v) => set("repeat", v)}
              error={message("repeat")}
            />
          </div>
        ) : null}
      </fieldset>
      {parts ? (
        <div className="form-error" data-testid="pin-error" role="alert">
          <div>{t(parts.text.key, parts.text.params)}</div>
          {parts.detail ? <div className="form-error-detail">{t(parts.detail.key, parts.detail.params)}</div> : null}
        </div>
      ) : null}
      {status ? (
        <div className="form-actions">
          {status.set ? (
            <button type="button" className="btn btn-danger" data-testid="pin-remove" disabled={busy} onClick={askRemove}>
              {t("pin.remove")}
            </button>
          ) : null}
          <button type="submit" className="btn btn-primary" data-testid="pin-save" disabled={busy}>
            {busy ? t("common.saving") : status.set ? t("pin.change") : t("pin.set")}
          </button>
        </div>
      ) : null}
      {confirming ? (
        <Modal title={t("pin.removeTitle")} dirty={false} onClose={() => setConfirming(false)}>
          <div data-testid="pin-remove-confirm">
            <p>{t("pin.removeQuestion")}</p>
            <div className="form-actions">
              <button type="button" className="btn btn-secondary" data-testid="pin-remove-no" onClick={() => setConfirming(false)}>
                {t("pin.removeNo")}
              </button>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="pin-remove-yes"
                disabled={busy}
                onClick={() => {
                  setConfirming(false);
                  void change(input.current.trim(), "", "pin.removedToast");
                }}
              >
                {t("pin.removeYes")}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </form>
  );
}
