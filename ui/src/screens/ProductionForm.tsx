// Record a production run of one recipe: how much was made, when, the labour, and (when it differs
// from the recipe) what was really used. While the owner types, Rust plans the run (`plan_production`,
// a pause after the last keystroke, older answers dropped) and the form shows what each input will take
// from which lots, first expiry first, what is short, and what the new lot will cost and keep until.
// Saving is refused here while the plan is short or wrong; Rust checks again when it records.
import { useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { InputLine, ProductionInput, ProductionPlan, ProductionRun, Recipe } from "../bindings";
import { FormError, TextArea, TextField } from "../components/Field";
import { Modal, useModalClose } from "../components/Modal";
import { parseDecimal, subtract, toText } from "../decimal";
import { formatMoney, formatQuantity, todayInShanghai, trimDecimal, unitLabel } from "../format";
import { explainError, fieldMessage, noErrors, type FormErrors, type Issue } from "../formErrors";
import { SEARCH_DEBOUNCE_MS, textSetter, useDebouncedValue, useSaveForm } from "../hooks";
import { useI18n } from "../i18nContext";
import { recipeSummary } from "./recipeText";

type TopField = "outputQuantity" | "producedOn" | "labour" | "note";
type RunFields = Pick<ProductionInput, TopField>;

/** What the form holds: the run's fields and, once the owner changed one, every input's quantity as typed. */
type RunValues = { fields: RunFields; explicit: string[] | null };

/** How long the form waits after a keystroke before it asks Rust for a new plan. */
export const PLAN_DEBOUNCE_MS = SEARCH_DEBOUNCE_MS;

function quantityPath(index: number): string {
  return `inputs.${index}.quantity`;
}

const INPUT_PATH = /^inputs\.(\d+)\.(.+)$/;

/** Every field path the form shows, in screen order; `recipeId` (an archived recipe) goes to the whole form. */
function shownFields(inputCount: number): string[] {
  const inputs = Array.from({ length: inputCount }, (_, i) => [`inputs.${i}.productId`, quantityPath(i)]).flat();
  return ["outputQuantity", "producedOn", "labour", "note", ...inputs, "inputs"];
}

/** The run as sent to plan_production and record_production. Explicit inputs follow the recipe's order. */
export function runInput(recipe: Recipe, values: RunValues): ProductionInput {
  const inputs: InputLine[] = values.explicit
    ? recipe.inputs.map((ing, i) => ({ productId: ing.productId, quantity: values.explicit?.[i] ?? "" }))
    : [];
  return { recipeId: recipe.id, ...values.fields, inputs };
}

/** The latest plan answered: the input it is for (as JSON) and the plan, or why there is none. */
type PlanState = { key: string; plan: ProductionPlan | null; errors: FormErrors<string> };

/** What is still missing of a short input: needed − available, in its stock unit. */
function missing(quantity: string, available: string): string | null {
  const q = parseDecimal(quantity);
  const a = parseDecimal(available);
  return q && a ? trimDecimal(toText(subtract(q, a))) : null;
}

/** True when a FormErrors holds any message. */
function hasErrors(errors: FormErrors<string>): boolean {
  return errors.form !== null || Object.values(errors.fields).some((issue) => issue !== undefined);
}

export function ProductionForm({
  recipe,
  onSaved,
  onCancel,
}: {
  recipe: Recipe;
  onSaved: (run: ProductionRun) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [values, setValues] = useState<RunValues>(() => ({
    fields: { outputQuantity: trimDecimal(recipe.outputQuantity), producedOn: todayInShanghai(), labour: "", note: "" },
    explicit: null,
  }));

  const inputName = (i: number): string => recipe.inputs[i]?.productName ?? "";
  const label = (path: string): string => {
    const m = INPUT_PATH.exec(path);
    if (m) return t("production.field.inputQuantity", { product: inputName(Number(m[1])) });
    return t(`production.field.${path as TopField | "inputs"}`);
  };
  const form = useSaveForm<string, RunValues>(label, values);
  const { clearError } = form;

  // The plan follows what is typed, a pause after the last keystroke; an answer to an older input is dropped.
  const request = runInput(recipe, values);
  const key = JSON.stringify(request);
  const planKey = useDebouncedValue(key, PLAN_DEBOUNCE_MS);
  const [planState, setPlanState] = useState<PlanState | null>(null);
  const shown = shownFields(recipe.inputs.length);
  const shownKey = shown.join(",");
  useEffect(() => {
    let current = true;
    const fields = shownKey.split(",");
    api.planProduction(JSON.parse(planKey) as ProductionInput).then(
      (plan) => {
        if (current) setPlanState({ key: planKey, plan, errors: noErrors() });
      },
      (reason: unknown) => {
        if (current) setPlanState({ key: planKey, plan: null, errors: explainError(reason, fields) });
      },
    );
    return () => {
      current = false;
    };
  }, [planKey, shownKey]);

  const plan = planState?.plan ?? null;
  // The plan's messages are about what is on screen only while nothing was typed since it was asked for.
  const planErrors = planState && planState.key === key ? planState.errors : noErrors<string>();
  const blocked = planState === null || planState.plan?.short === true || hasErrors(planState.errors);

  const unitOf = (i: number): string => plan?.inputs[i]?.stockUnit ?? recipe.inputs[i]?.stockUnit ?? "";

  function issueOf(path: string): Issue | undefined {
    return form.errors.fields[path] ?? planErrors.fields[path];
  }

  function message(path: string): string | undefined {
    const issue = issueOf(path);
    const m = INPUT_PATH.exec(path);
    if (issue && m && issue.rule === "not_enough_stock" && issue.params?.available !== undefined) {
      const i = Number(m[1]);
      return t("production.notEnough", {
        product: inputName(i),
        available: formatQuantity(issue.params.available, unitOf(i), language),
      });
    }
    return fieldMessage(t, issue, label(path));
  }

  const setField = textSetter<RunFields, TopField>(
    (change) => setValues((prev) => ({ ...prev, fields: typeof change === "function" ? change(prev.fields) : change })),
    clearError,
  );

  /** The quantity shown for input i: as typed once explicit, else the plan's (the recipe scaled). */
  const shownQuantity = (i: number): string => {
    if (values.explicit) return values.explicit[i] ?? "";
    const planned = plan?.inputs[i]?.quantity;
    return planned === undefined ? "" : trimDecimal(planned);
  };

  function setInputQuantity(index: number, value: string) {
    setValues((prev) => {
      const explicit = prev.explicit ?? recipe.inputs.map((_, i) => shownQuantity(i));
      return { ...prev, explicit: explicit.map((q, i) => (i === index ? value : q)) };
    });
    clearError(quantityPath(index));
  }

  function backToRecipe() {
    setValues((prev) => ({ ...prev, explicit: null }));
    clearError(...recipe.inputs.map((_, i) => quantityPath(i)));
  }

  const submit = (e: FormEvent) => {
    if (blocked) {
      e.preventDefault();
      return Promise.resolve();
    }
    return form.submit(e, { shown, save: () => api.recordProduction(request), onSaved });
  };

  const outputUnit = unitLabel(recipe.outputUnit, language);
  const planProblem = planState && planState.key === key ? planState.errors.form : null;

  return (
    <Modal title={t("production.formTitle", { recipe: recipe.name })} dirty={form.dirty} onClose={onCancel} wide>
      <form data-testid="production-form" className="form production-form" onSubmit={submit} noValidate ref={form.ref}>
        <p className="form-lead">
          <span className="cell-strong">{recipe.name}</span>
          <span className="muted"> · {t("production.perBatch", { summary: recipeSummary(recipe, language, t) })}</span>
        </p>
        <div className="form-grid form-grid-3">
          <TextField
            form="production"
            name="outputQuantity"
            label={label("outputQuantity")}
            required
            inputMode="decimal"
            suffix={outputUnit}
            hint={t("production.outputHint", { product: recipe.outputProductName })}
            value={values.fields.outputQuantity}
            onChange={setField("outputQuantity")}
            error={message("outputQuantity")}
          />
          <TextField
            form="production"
            name="producedOn"
            type="date"
            label={label("producedOn")}
            required
            value={values.fields.producedOn}
            onChange={setField("producedOn")}
            error={message("producedOn")}
          />
          <TextField
            form="production"
            name="labour"
            label={label("labour")}
            inputMode="decimal"
            suffix={t("purchase.totalSuffix")}
            placeholder={t("production.labourPlaceholder")}
            value={values.fields.labour}
            onChange={setField("labour")}
            error={message("labour")}
          />
        </div>

        <section className="production-plan" data-testid="production-plan" aria-label={t("production.planTitle")}>
          <div className="production-plan-head">
            <h3 className="production-plan-title">{t("production.planTitle")}</h3>
            {values.explicit ? (
              <button type="button" className="btn btn-small btn-quiet" data-testid="production-inputs-reset" onClick={backToRecipe}>
                {t("production.useRecipe")}
              </button>
            ) : null}
          </div>
          <p className="field-hint">{values.explicit ? t("production.explicitHint") : t("production.scaledHint")}</p>
          {recipe.inputs.map((ing, i) => {
            const planned = plan?.inputs[i];
            const unit = unitOf(i);
            const lack = planned?.short ? missing(planned.quantity, planned.available) : null;
            const productError = message(`inputs.${i}.productId`);
            return (
              <div
                key={ing.productId}
                className={planned?.short ? "plan-input plan-input-short" : "plan-input"}
                data-testid="plan-input"
                data-short={planned ? String(planned.short) : undefined}
              >
                <div className="plan-input-main">
                  <TextField
                    form="production"
                    name={`input-${i}-quantity`}
                    errorName={`inputs-${i}-quantity`}
                    label={ing.productName}
                    required
                    inputMode="decimal"
                    suffix={unitLabel(unit, language)}
                    placeholder={t("production.perBatchPlaceholder", { quantity: formatQuantity(ing.quantity, ing.stockUnit, language) })}
                    value={shownQuantity(i)}
                    onChange={(value) => setInputQuantity(i, value)}
                    error={message(quantityPath(i))}
                  />
                  {planned ? (
                    <div className="plan-input-numbers">
                      <div>
                        {t("production.needAvailable", {
                          need: formatQuantity(planned.quantity, unit, language),
                          available: formatQuantity(planned.available, unit, language),
                        })}
                      </div>
                      {planned.short ? (
                        <div className="plan-short" data-testid="plan-short">
                          {t("production.short", {
                            product: planned.productName,
                            missing: formatQuantity(lack ?? planned.quantity, unit, language),
                          })}
                          {planned.expired !== "0" ? (
                            <div data-testid="plan-expired">
                              {t("production.expiredNotUsed", { quantity: formatQuantity(planned.expired, unit, language) })}
                            </div>
                          ) : null}
                        </div>
                      ) : (
                        <div className="cell-sub">{t("production.inputCost", { cost: formatMoney(planned.cost) })}</div>
                      )}
                    </div>
                  ) : null}
                </div>
                {productError ? (
                  <div className="field-error" data-testid={`error-production-inputs-${i}-productId`} role="alert">
                    {productError}
                  </div>
                ) : null}
                {planned && planned.takes.length > 0 ? (
                  <ul className="plan-takes" aria-label={t("production.takesLabel")}>
                    {planned.takes.map((take) => (
                      <li key={take.lotId} data-testid="plan-take">
                        {t("production.take", {
                          bestBefore: take.bestBefore ? t("production.lotBestBefore", { date: take.bestBefore }) : t("production.lotKeeps"),
                          quantity: formatQuantity(take.quantity, unit, language),
                          cost: formatMoney(take.cost),
                        })}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            );
          })}
          {message("inputs") ? (
            <div className="field-error" data-testid="error-production-inputs" role="alert">
              {message("inputs")}
            </div>
          ) : null}
          {planProblem ? <FormError problem={planProblem} /> : null}
          {/* The totals are read out when a new plan changes them, not every field of the plan. */}
          <div aria-live="polite">
            {plan ? (
              <dl className="plan-totals">
                <div data-testid="plan-total">
                  <dt>{t("production.total")}</dt>
                  <dd>
                    <strong>{formatMoney(plan.totalCost)}</strong>
                    <span className="cell-sub"> {t("production.totalBreakdown", { inputs: formatMoney(plan.inputsCost), labour: formatMoney(plan.labour) })}</span>
                  </dd>
                </div>
                <div data-testid="plan-unit-cost">
                  <dt>{t("production.unitCost")}</dt>
                  <dd>
                    {plan.unitCost === ""
                      ? t("common.none")
                      : t("production.perUnit", { cost: formatMoney(plan.unitCost), unit: unitLabel(plan.outputUnit, language) })}
                  </dd>
                </div>
                <div data-testid="plan-best-before">
                  <dt>{t("production.bestBefore")}</dt>
                  <dd>{plan.bestBefore ?? t("production.keeps")}</dd>
                </div>
              </dl>
            ) : planState === null ? (
              <p className="muted">{t("production.planning")}</p>
            ) : null}
          </div>
          {plan?.short ? (
            <p className="plan-short" role="alert">
              {t("production.shortBlocked")}
            </p>
          ) : null}
        </section>

        <TextArea form="production" name="note" label={label("note")} placeholder={t("production.notePlaceholder")} value={values.fields.note} onChange={setField("note")} error={message("note")} />
        <FormError problem={form.errors.form} />
        <RunActions saving={form.saving} blocked={blocked} />
      </form>
    </Modal>
  );
}

/** Cancel and save; save waits for a plan that is not short or wrong. */
function RunActions({ saving, blocked }: { saving: boolean; blocked: boolean }) {
  const { t } = useI18n();
  const cancel = useModalClose();
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-secondary" data-testid="production-cancel" onClick={cancel}>
        {t("common.cancel")}
      </button>
      <button type="submit" className="btn btn-primary" data-testid="production-save" disabled={saving || blocked}>
        {saving ? t("common.saving") : t("production.save")}
      </button>
    </div>
  );
}
