// Labelled inputs whose test ids follow docs/ipc.md: input `<form>-<field>`, error `error-<form>-<field>`.
import type { ChangeEvent, ReactNode, Ref } from "react";
import { useI18n } from "../i18nContext";
import { DateField, MonthField } from "./DateField";
import { useModalClose } from "./Modal";

// In a module of its own so that the first screens (welcome, the demo's note) do not carry the
// date fields; still offered here beside the other parts of a form.
export { FormError } from "./FormError";

export type FieldCommon = {
  form: string;
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /**
   * The field's name in the error's test id when it differs from `name`: the error of input
   * `purchase-line-0-quantity` is `error-purchase-lines-0-quantity` (Rust's path with dashes).
   */
  errorName?: string;
  /**
   * The form part of the error's test id when it differs from `form`: the scheme inputs
   * `scheme-0-rate` of the employee form report as `error-employee-schemes-0-rate`.
   */
  errorForm?: string;
};

export function ids(form: string, name: string, errorName?: string, errorForm?: string) {
  const input = `${form}-${name}`;
  return { input, error: `error-${errorForm ?? form}-${errorName ?? name}`, hint: `hint-${input}` };
}

export function describedBy(id: ReturnType<typeof ids>, error?: string, hint?: string): string | undefined {
  const parts = [error ? id.error : null, hint ? id.hint : null].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(" ") : undefined;
}

export function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <label className="field-label" htmlFor={htmlFor}>
      {label}
      {required ? <span className="field-required"> *<span className="sr-only">{t("common.required")}</span></span> : null}
    </label>
  );
}

export function Messages({ id, error, hint }: { id: ReturnType<typeof ids>; error?: string; hint?: string }) {
  return (
    <>
      {hint ? (
        <div className="field-hint" id={id.hint} data-testid={id.hint}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={id.error} data-testid={id.error} role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}

export function TextField(
  props: FieldCommon & {
    value: string;
    onChange: (value: string) => void;
    /**
     * "date" and "month" give our own DateField / MonthField (a text box and a Monday-first calendar
     * in the app's language), not the webview's picker, which follows the OS locale: the value is
     * still the ISO text ("YYYY-MM-DD" / "YYYY-MM") or "".
     */
    type?: "text" | "tel" | "date" | "month" | "password";
    inputMode?: "text" | "decimal" | "numeric" | "tel";
    placeholder?: string;
    suffix?: string;
    list?: string;
    autoFocus?: boolean;
    maxLength?: number;
    className?: string;
    /** To put the focus back on the input from code (after a wrong PIN). */
    inputRef?: Ref<HTMLInputElement>;
  },
) {
  const id = ids(props.form, props.name, props.errorName, props.errorForm);
  if (props.type === "date" || props.type === "month") {
    const Picker = props.type === "date" ? DateField : MonthField;
    return (
      <div className={`field ${props.className ?? ""}`}>
        <Label htmlFor={id.input} label={props.label} required={props.required} />
        <Picker
          id={id.input}
          data-testid={id.input}
          name={props.name}
          value={props.value}
          onChange={props.onChange}
          placeholder={props.placeholder}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.error, props.hint)}
        />
        <Messages id={id} error={props.error} hint={props.hint} />
      </div>
    );
  }
  const input = (
    <input
      ref={props.inputRef}
      id={id.input}
      data-testid={id.input}
      name={props.name}
      type={props.type ?? "text"}
      inputMode={props.inputMode}
      value={props.value}
      placeholder={props.placeholder}
      list={props.list}
      autoFocus={props.autoFocus}
      autoComplete="off"
      spellCheck={false}
      aria-invalid={props.error ? true : undefined}
      aria-describedby={describedBy(id, props.error, props.hint)}
      onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
    />
  );
  return (
    <div className={`field ${props.className ?? ""}`}>
      <Label htmlFor={id.input} label={props.label} required={props.required} />
      {props.suffix ? (
        <div className="input-with-suffix">
          {input}
          <span className="input-suffix" aria-hidden="true">
            {props.suffix}
          </span>
        </div>
      ) : (
        input
      )}
      <Messages id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

export function TextArea(
  props: FieldCommon & { value: string; onChange: (value: string) => void; placeholder?: string; rows?: number },
) {
  const id = ids(props.form, props.name, props.errorName, props.errorForm);
  return (
    <div className="field field-wide">
      <Label htmlFor={id.input} label={props.label} required={props.required} />
      <textarea
        id={id.input}
        data-testid={id.input}
        name={props.name}
        rows={props.rows ?? 2}
        value={props.value}
        placeholder={props.placeholder}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <Messages id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

export function SelectField(
  props: FieldCommon & {
    value: string;
    onChange: (value: string) => void;
    children: ReactNode;
  },
) {
  const id = ids(props.form, props.name, props.errorName, props.errorForm);
  return (
    <div className="field">
      <Label htmlFor={id.input} label={props.label} required={props.required} />
      <div className="select-wrap">
        <select
          id={id.input}
          data-testid={id.input}
          name={props.name}
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.error, props.hint)}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {props.children}
        </select>
      </div>
      <Messages id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

export function CheckboxField(
  props: FieldCommon & { checked: boolean; onChange: (checked: boolean) => void },
) {
  const id = ids(props.form, props.name, props.errorName, props.errorForm);
  return (
    <div className="field field-wide">
      <label className="checkbox" htmlFor={id.input}>
        <input
          id={id.input}
          data-testid={id.input}
          name={props.name}
          type="checkbox"
          checked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.error, props.hint)}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        <span>{props.label}</span>
      </label>
      <Messages id={id} error={props.error} hint={props.hint} />
    </div>
  );
}

/**
 * The cancel and save buttons of an add/edit dialog: `<form>-cancel`, `<form>-save`. Cancel closes
 * the dialog as Escape does, asking first when something typed is not saved.
 */
export function FormActions({
  form,
  saving,
  cancelTestId,
}: {
  form: string;
  saving: boolean;
  /** The cancel button's test id where `<form>-cancel` means something else (`order-cancel` cancels an order). */
  cancelTestId?: string;
}) {
  const { t } = useI18n();
  const cancel = useModalClose();
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-secondary" data-testid={cancelTestId ?? `${form}-cancel`} onClick={cancel}>
        {t("common.cancel")}
      </button>
      <button type="submit" className="btn btn-primary" data-testid={`${form}-save`} disabled={saving}>
        {saving ? t("common.saving") : t("common.save")}
      </button>
    </div>
  );
}
