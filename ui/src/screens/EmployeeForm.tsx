// Adds or edits an employee (员工): a family member who is paid, how (one or more pay schemes: a
// monthly salary, a daily or hourly wage, piece rates for kinds of work), whether income tax is
// withheld and their monthly deductions. Rust checks everything (docs/ipc.md, "Payroll"); its
// messages go next to their fields, the schemes' at their row (`error-employee-schemes-0-rate`).
import { useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Employee, EmployeeInput, SchemeInput } from "../bindings";
import { CheckboxField, FormActions, FormError, SelectField, TextArea, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useUnlock } from "../components/Unlock";
import { parseDecimal } from "../decimal";
import { todayInShanghai, trimDecimal } from "../format";
import { useSaveForm } from "../hooks";
import { LANGUAGES, loadLocale, localeLoaded, translator } from "../i18n";
import { useI18n } from "../i18nContext";
import { KNOWN_WORK, SCHEME_KINDS, pieceUnit, workCode, workLabel } from "./payrollText";

const SCHEME_PATH = /^schemes\.(\d+)\.(kind|work|rate)$/;

const TOP = [
  "name",
  "relation",
  "phone",
  "startOn",
  "endOn",
  "withholdTax",
  "specialDeduction",
  "additionalDeduction",
  "accountNote",
] as const;

type TopField = (typeof TOP)[number];

function newScheme(): SchemeInput {
  return { kind: "daily", work: "", rate: "" };
}

/** A money amount as the form shows it: "" for none. */
function moneyText(amount: string): string {
  const d = parseDecimal(amount);
  return d === null || d.units === 0n ? "" : trimDecimal(amount);
}

export function EmployeeForm({
  employee,
  onSaved,
  onCancel,
}: {
  /** null: a new employee. */
  employee: Employee | null;
  onSaved: (saved: Employee) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  // A kind of work is known by its name in either language ("打包", "Boxes packed"): both files
  // are wanted, and the other language's is loaded while the form is open.
  useEffect(() => {
    for (const language of LANGUAGES) loadLocale(language).catch(() => undefined);
  }, []);
  const [input, setInput] = useState<EmployeeInput>(() =>
    employee
      ? {
          name: employee.name,
          relation: employee.relation,
          phone: employee.phone,
          startOn: employee.startOn,
          endOn: employee.endOn ?? "",
          withholdTax: employee.withholdTax,
          specialDeduction: moneyText(employee.specialDeduction),
          additionalDeduction: moneyText(employee.additionalDeduction),
          accountNote: employee.accountNote,
          schemes: employee.schemes.map((s) => ({ kind: s.kind, work: s.kind === "piece" ? workLabel(t, s.work) : "", rate: trimDecimal(s.rate) })),
        }
      : {
          name: "",
          relation: "",
          phone: "",
          startOn: todayInShanghai(),
          endOn: "",
          withholdTax: false,
          specialDeduction: "",
          additionalDeduction: "",
          accountNote: "",
          schemes: [newScheme()],
        },
  );
  // Stable keys of the scheme rows (not saved), so that removing one keeps the others' inputs.
  const nextKey = useRef(input.schemes.length);
  const [keys, setKeys] = useState<number[]>(() => input.schemes.map((_, i) => i));

  const label = (path: string): string => {
    const m = SCHEME_PATH.exec(path);
    if (m) return t(`employee.field.scheme.${m[2] as "kind" | "work" | "rate"}`);
    if (path === "schemes") return t("employee.field.schemes");
    if ((TOP as readonly string[]).includes(path)) return t(`employee.field.${path as TopField}`);
    return path;
  };
  const form = useSaveForm<string, EmployeeInput>(label, input);
  const unlock = useUnlock();
  const { clearError } = form;

  /** A field's message; a scheme listed twice and an end before the start say so in words. */
  const error = (path: string): string | undefined => {
    const issue = form.errors.fields[path];
    if (issue?.rule === "duplicate" && SCHEME_PATH.test(path)) return t("employee.schemeDuplicate");
    if (issue?.rule === "required" && path === "schemes") return t("employee.schemesRequired");
    if (issue?.rule === "bad_date" && path === "endOn") return t("employee.endBeforeStart");
    return form.error(path);
  };

  function setTop(name: Exclude<TopField, "withholdTax">, value: string) {
    setInput((prev) => ({ ...prev, [name]: value }));
    clearError(name);
  }

  function setScheme(index: number, field: keyof SchemeInput, value: string) {
    setInput((prev) => ({ ...prev, schemes: prev.schemes.map((s, i) => (i === index ? { ...s, [field]: value } : s)) }));
    clearError(`schemes.${index}.${field}`, "schemes");
  }

  function addScheme() {
    setInput((prev) => ({ ...prev, schemes: [...prev.schemes, newScheme()] }));
    setKeys((k) => [...k, nextKey.current++]);
    clearError("schemes");
  }

  function removeScheme(index: number) {
    setInput((prev) => ({ ...prev, schemes: prev.schemes.filter((_, i) => i !== index) }));
    setKeys((k) => k.filter((_, i) => i !== index));
    // The messages of later rows would now sit on the wrong row: drop the schemes' messages.
    form.setErrors({
      ...form.errors,
      fields: Object.fromEntries(Object.entries(form.errors.fields).filter(([path]) => !path.startsWith("schemes"))),
    });
  }

  const shown = [
    ...TOP.slice(0, 6),
    "schemes",
    ...input.schemes.flatMap((_, i) => [`schemes.${i}.kind`, `schemes.${i}.work`, `schemes.${i}.rate`]),
    ...TOP.slice(6),
  ];

  /** What Rust gets: piece work by its code ("打包" -> box_packed), no work for the other kinds. */
  function toSend(): EmployeeInput {
    const both = LANGUAGES.filter(localeLoaded).map(translator);
    return {
      ...input,
      schemes: input.schemes.map((s) => ({ kind: s.kind, work: s.kind === "piece" ? workCode(s.work, both) : "", rate: s.rate.trim() })),
    };
  }

  const submit = (e: FormEvent) => form.submit(e, { shown, save: () => unlock.retry(() => api.saveEmployee(toSend())), onSaved });

  const rateSuffix = (s: SchemeInput): string =>
    s.kind === "monthly"
      ? t("employee.rateSuffix.monthly")
      : s.kind === "hourly"
        ? t("employee.rateSuffix.hourly")
        : s.kind === "piece"
          ? t("employee.rateSuffix.piece", { unit: pieceUnit(t, workCode(s.work, [t])) })
          : t("employee.rateSuffix.daily");

  return (
    <Modal title={employee ? t("employee.editTitle", { name: employee.name }) : t("employee.addTitle")} dirty={form.dirty} onClose={onCancel} wide>
      <form data-testid="employee-form" className="form employee-form" onSubmit={submit} noValidate ref={form.ref}>
        <div className="form-grid form-grid-3">
          <TextField
            form="employee"
            name="name"
            label={label("name")}
            required
            autoFocus
            value={input.name}
            onChange={(v) => setTop("name", v)}
            error={error("name")}
            hint={employee ? t("employee.nameHintEdit") : t("employee.nameHint")}
          />
          <TextField
            form="employee"
            name="relation"
            label={label("relation")}
            placeholder={t("employee.relationPlaceholder")}
            value={input.relation}
            onChange={(v) => setTop("relation", v)}
            error={error("relation")}
          />
          <TextField
            form="employee"
            name="phone"
            type="tel"
            inputMode="tel"
            label={label("phone")}
            value={input.phone}
            onChange={(v) => setTop("phone", v)}
            error={error("phone")}
          />
          <TextField
            form="employee"
            name="startOn"
            type="date"
            label={label("startOn")}
            required
            value={input.startOn}
            onChange={(v) => setTop("startOn", v)}
            error={error("startOn")}
          />
          <TextField
            form="employee"
            name="endOn"
            type="date"
            label={label("endOn")}
            value={input.endOn}
            onChange={(v) => setTop("endOn", v)}
            error={error("endOn")}
            hint={t("employee.endOnHint")}
          />
        </div>

        <fieldset
          className="form-section"
          tabIndex={-1}
          aria-invalid={error("schemes") ? true : undefined}
          aria-describedby={error("schemes") ? "error-employee-schemes" : undefined}
        >
          <legend>{label("schemes")}</legend>
          <p className="muted form-lead">{t("employee.schemesHint")}</p>
          <datalist id="employee-work-kinds">
            {KNOWN_WORK.map((code) => (
              <option key={code} value={workLabel(t, code)} />
            ))}
          </datalist>
          {input.schemes.map((s, i) => (
            <div className="scheme-row" key={keys[i] ?? i} role="group" aria-label={t("employee.schemeN", { n: i + 1 })}>
              <SelectField
                form="scheme"
                name={`${i}-kind`}
                errorForm="employee"
                errorName={`schemes-${i}-kind`}
                label={label(`schemes.${i}.kind`)}
                value={s.kind}
                onChange={(v) => setScheme(i, "kind", v)}
                error={error(`schemes.${i}.kind`)}
              >
                {SCHEME_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`employee.kind.${kind}`)}
                  </option>
                ))}
              </SelectField>
              {s.kind === "piece" ? (
                <TextField
                  form="scheme"
                  name={`${i}-work`}
                  errorForm="employee"
                  errorName={`schemes-${i}-work`}
                  label={label(`schemes.${i}.work`)}
                  list="employee-work-kinds"
                  placeholder={t("employee.workPlaceholder")}
                  value={s.work}
                  onChange={(v) => setScheme(i, "work", v)}
                  error={error(`schemes.${i}.work`)}
                  hint={workCode(s.work, [t]) === "box_packed" ? t("employee.boxPackedHint") : undefined}
                />
              ) : (
                <div className="scheme-spacer" />
              )}
              <TextField
                form="scheme"
                name={`${i}-rate`}
                errorForm="employee"
                errorName={`schemes-${i}-rate`}
                label={label(`schemes.${i}.rate`)}
                inputMode="decimal"
                suffix={rateSuffix(s)}
                value={s.rate}
                onChange={(v) => setScheme(i, "rate", v)}
                error={error(`schemes.${i}.rate`)}
              />
              <button
                type="button"
                className="btn btn-small btn-quiet scheme-remove"
                data-testid={`scheme-${i}-remove`}
                aria-label={t("employee.removeSchemeN", { n: i + 1 })}
                onClick={() => removeScheme(i)}
              >
                {t("employee.removeScheme")}
              </button>
            </div>
          ))}
          {error("schemes") ? (
            <div className="field-error" id="error-employee-schemes" data-testid="error-employee-schemes" role="alert">
              {error("schemes")}
            </div>
          ) : null}
          <button type="button" className="btn btn-secondary" data-testid="scheme-add" onClick={addScheme}>
            <span aria-hidden="true" className="btn-plus">
              +
            </span>
            {t("employee.addScheme")}
          </button>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t("employee.taxSection")}</legend>
          <div className="form-grid">
            <CheckboxField
              form="employee"
              name="withholdTax"
              label={label("withholdTax")}
              checked={input.withholdTax}
              onChange={(checked) => {
                setInput((prev) => ({ ...prev, withholdTax: checked }));
                clearError("withholdTax");
              }}
              error={error("withholdTax")}
              hint={t("employee.withholdTaxHint")}
            />
            <TextField
              form="employee"
              name="specialDeduction"
              label={label("specialDeduction")}
              inputMode="decimal"
              suffix={t("employee.perMonthSuffix")}
              placeholder="0"
              value={input.specialDeduction}
              onChange={(v) => setTop("specialDeduction", v)}
              error={error("specialDeduction")}
              hint={t("employee.specialDeductionHint")}
            />
            <TextField
              form="employee"
              name="additionalDeduction"
              label={label("additionalDeduction")}
              inputMode="decimal"
              suffix={t("employee.perMonthSuffix")}
              placeholder="0"
              value={input.additionalDeduction}
              onChange={(v) => setTop("additionalDeduction", v)}
              error={error("additionalDeduction")}
              hint={t("employee.additionalDeductionHint")}
            />
            <TextArea
              form="employee"
              name="accountNote"
              label={label("accountNote")}
              placeholder={t("employee.accountNotePlaceholder")}
              value={input.accountNote}
              onChange={(v) => setTop("accountNote", v)}
              error={error("accountNote")}
            />
          </div>
        </fieldset>
        <FormError problem={form.errors.form} />
        <FormActions form="employee" saving={form.saving} />
      </form>
    </Modal>
  );
}
