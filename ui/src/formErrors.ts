// Turns a rejected save into what a form shows: a message next to every field Rust named, and one
// message for the whole form for the rest. What is kept is the rule and Rust's sentence, not a
// translated text, so that the messages follow a change of language while they are on screen.
import { toApiError, type ApiError, type ErrorKind } from "./api";
import { isMessageKey, phrase, type MessageKey, type Phrase, type Translate } from "./i18n";

/** One wrong field, as Rust named it (`address.province`). */
export type Issue = { field: string; rule: string | null; message: string; params?: Readonly<Record<string, string>> };

/** What a form shows in `form-error`: the kind of failure, Rust's sentence, and the wrong fields the form does not show. */
export type FormProblem = { kind: ErrorKind; message: string; issues: readonly Issue[] };

export type FormErrors<F extends string> = {
  fields: Partial<Record<F, Issue>>;
  form: FormProblem | null;
};

export function noErrors<F extends string>(): FormErrors<F> {
  return { fields: {}, form: null };
}

/** The same errors without the one of `name` (the user is correcting that field). */
export function withoutField<F extends string>(errors: FormErrors<F>, name: F): FormErrors<F> {
  if (errors.fields[name] === undefined) return errors;
  const fields = { ...errors.fields };
  delete fields[name];
  return { ...errors, fields };
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
export function ruleMessage(
  t: Translate,
  rule: string | null,
  fieldLabel: string,
  fallback: string,
  params: Readonly<Record<string, string>> = {},
): string {
  if (rule !== null) {
    // "At most 4 decimal places" says what to fix; Rust names the limit where it has one.
    const key =
      rule === "too_many_decimals" && params.max !== undefined
        ? "validation.too_many_decimals_max"
        : rule === "bad_date" && params.min !== undefined && params.max !== undefined
          ? "validation.bad_date_range"
          : `validation.${rule}`;
    if (isMessageKey(key)) return t(key, { ...translatedParams(t, rule, params), field: fieldLabel });
  }
  return fallback;
}

/** Parameters that are codes the locale files name: the order states of `not_allowed` (`from`, `to`). */
function translatedParams(t: Translate, rule: string, params: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  // "at most 100,000,000" reads at a glance; nine zeros in a row have to be counted.
  if (rule === "too_large" && params.max !== undefined && /^\d+$/.test(params.max)) {
    return { ...params, max: BigInt(params.max).toLocaleString("en-US") };
  }
  if (rule !== "not_allowed") return params;
  const out = { ...params };
  for (const name of ["from", "to"]) {
    const code = params[name];
    const key = `orderState.${code ?? ""}`;
    if (code !== undefined && isMessageKey(key)) out[name] = t(key);
  }
  return out;
}

/**
 * Every wrong field of a rejection, in Rust's (form) order. A Rust side that sends no `errors` list
 * still names one field in `field`/`rule`; a conflict may name one too (a duplicate name).
 */
export function issuesOf(err: ApiError): Issue[] {
  if (err.errors.length > 0)
    return err.errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message, params: e.params }));
  if ((err.kind === "validation" || err.kind === "conflict") && err.field !== null) {
    return [{ field: err.field, rule: err.rule, message: err.message }];
  }
  return [];
}

/**
 * Splits a rejection between the fields the form shows (`shown`) and the form as a whole. A field is
 * found by its whole path (`lines.0.quantity`, for forms with repeated parts) or else by its
 * form-local name (`province` for `address.province`). The first issue of a field wins; issues for
 * fields the form does not show go to the form.
 */
export function explainError<F extends string>(reason: unknown, shown: readonly F[]): FormErrors<F> {
  const err = toApiError(reason);
  const issues = issuesOf(err);
  if (issues.length === 0) return { fields: {}, form: { kind: err.kind, message: err.message, issues: [] } };
  const fields: Partial<Record<F, Issue>> = {};
  const elsewhere: Issue[] = [];
  for (const issue of issues) {
    const key = fieldKey(issue.field);
    const name = shown.find((f) => f === issue.field) ?? shown.find((f) => f === key);
    if (name === undefined) elsewhere.push(issue);
    else if (fields[name] === undefined) fields[name] = issue;
  }
  const form =
    elsewhere.length === 0
      ? null
      : { kind: err.kind, message: elsewhere.map((i) => i.message).join("; "), issues: elsewhere };
  return { fields, form };
}

/** The message of a field's issue in the current language. */
export function fieldMessage(t: Translate, issue: Issue | undefined, label: string): string | undefined {
  return issue ? ruleMessage(t, issue.rule, label, issue.message, issue.params) : undefined;
}

const KIND_KEYS: Readonly<Record<ErrorKind, MessageKey>> = {
  validation: "error.validation",
  not_found: "error.not_found",
  conflict: "error.conflict",
  database: "error.database",
  unavailable: "error.unavailable",
  locked: "error.locked",
};

/** A form-level problem as phrases: what went wrong, then Rust's detail (null when there is none). */
export function problemParts(problem: FormProblem): { text: Phrase; detail: Phrase | null } {
  const text = phrase(KIND_KEYS[problem.kind]);
  // Locked says all there is to say; Rust's English sentence would only repeat it.
  const detail = problem.message.trim() === "" || problem.kind === "locked" ? null : phrase("error.detail", { message: problem.message });
  return { text, detail };
}

/** The same as one line of phrases, for a toast. */
export function problemPhrases(problem: FormProblem): Phrase[] {
  const { text, detail } = problemParts(problem);
  return detail ? [text, detail] : [text];
}

/** The problem of any rejection, for a failure outside a form (archive, restore, language). */
export function problemOf(reason: unknown): FormProblem {
  const err = toApiError(reason);
  return { kind: err.kind, message: err.message, issues: issuesOf(err) };
}

/** One notice for a failure outside a form: the translated kind plus Rust's detail. */
export function errorPhrases(reason: unknown): Phrase[] {
  return problemPhrases(problemOf(reason));
}
