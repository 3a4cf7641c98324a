// Turns a rejected save into what a form shows: a message next to the field Rust named,
// or one message for the whole form.
import { toApiError } from "./api";
import { isMessageKey, type Translate } from "./i18n";

export type FormLevelError = { text: string; detail: string | null };

export type FormErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  form: FormLevelError | null;
};

export function noErrors<F extends string>(): FormErrors<F> {
  return { fields: {}, form: null };
}

/**
 * The form-local name of a field path: "address.province" -> "province".
 * The test ids follow it (`error-shop-province`).
 */
export function fieldKey(field: string): string {
  const dot = field.lastIndexOf(".");
  return dot === -1 ? field : field.slice(dot + 1);
}

/** The message for a broken rule, with the field's label in it; Rust's own message when the rule is unknown. */
export function ruleMessage(t: Translate, rule: string | null, fieldLabel: string, fallback: string): string {
  if (rule !== null) {
    const key = `validation.${rule}`;
    if (isMessageKey(key)) return t(key, { field: fieldLabel });
  }
  return fallback;
}

export function explainError<F extends string>(
  reason: unknown,
  t: Translate,
  fields: Readonly<Record<F, string>>,
): FormErrors<F> {
  const err = toApiError(reason);
  if ((err.kind === "validation" || err.kind === "conflict") && err.field !== null) {
    const key = fieldKey(err.field);
    if (Object.prototype.hasOwnProperty.call(fields, key)) {
      const name = key as F;
      const text = ruleMessage(t, err.rule, fields[name], err.message);
      const out: Partial<Record<F, string>> = {};
      out[name] = text;
      return { fields: out, form: null };
    }
  }
  const kindKey = `error.${err.kind}`;
  const text = isMessageKey(kindKey) ? t(kindKey) : err.message;
  const detail = err.message && err.message !== text ? t("error.detail", { message: err.message }) : null;
  return { fields: {}, form: { text, detail } };
}

/** One line for a failure outside a form (archive, restore): the translated kind plus Rust's detail. */
export function errorLine(reason: unknown, t: Translate): string {
  const { form } = explainError<never>(reason, t, {});
  if (!form) return "";
  return form.detail ? `${form.text} ${form.detail}` : form.text;
}
