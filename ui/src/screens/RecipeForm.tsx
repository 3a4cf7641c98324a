// Add or edit a recipe: what one batch uses (products and quantities, each in its stock unit) and what
// it makes. Everything is sent as typed (strings), the inputs in screen order; Rust names every wrong
// field (`inputs.1.quantity`, `inputs.0.productId` with `recipe_uses_its_output` or `duplicate`) and
// each message is shown next to its field.
import { useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { InputLine, Language, Product, ProductKind, Recipe, RecipeInput } from "../bindings";
import { ComboboxField, type ComboOption } from "../components/Combobox";
import { FormActions, FormError, TextArea, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { formatShelfLife, trimDecimal, unitLabel } from "../format";
import type { FormErrors } from "../formErrors";
import { textSetter, useSaveForm } from "../hooks";
import type { Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError } from "./ListToolbar";
import { productOption } from "./pickerOptions";

type TopField = "name" | "outputProductId" | "outputQuantity" | "shelfLifeDays" | "note";
type InputField = keyof InputLine;

const TOP_FIELDS: readonly TopField[] = ["name", "outputProductId", "outputQuantity", "shelfLifeDays", "note"];
const INPUT_FIELDS: readonly InputField[] = ["productId", "quantity"];

/** Rust's path of an input's field: `inputs.1.quantity`. */
export function inputPath(index: number, field: InputField): string {
  return `inputs.${index}.${field}`;
}

const INPUT_PATH = /^inputs\.(\d+)\.(.+)$/;

/** Every field path the form shows, in screen order. */
function shownFields(inputCount: number): string[] {
  const inputs = Array.from({ length: inputCount }, (_, i) => INPUT_FIELDS.map((f) => inputPath(i, f))).flat();
  return [...TOP_FIELDS.filter((f) => f !== "note"), ...inputs, "inputs", "note"];
}

/** The messages after input `removed` is taken out: its own go, those of the inputs after it move up. */
export function withoutInput<F extends string>(errors: FormErrors<F>, removed: number): FormErrors<F> {
  const fields: Partial<Record<F, FormErrors<F>["fields"][F]>> = {};
  for (const [path, issue] of Object.entries(errors.fields) as [F, FormErrors<F>["fields"][F]][]) {
    if (!issue) continue;
    const m = INPUT_PATH.exec(path);
    const index = m ? Number(m[1]) : -1;
    if (index === removed) continue;
    const moved = (m && index > removed ? `inputs.${index - 1}.${m[2] ?? ""}` : path) as F;
    fields[moved] = issue;
  }
  return { ...errors, fields };
}

function emptyInput(): InputLine {
  return { productId: "", quantity: "" };
}

/** An existing recipe as the form shows it (numbers as text); a new one starts with one empty input. */
export function recipeToInput(recipe: Recipe | null): RecipeInput {
  if (!recipe) return { name: "", outputProductId: "", outputQuantity: "", shelfLifeDays: "", note: "", inputs: [emptyInput()] };
  return {
    name: recipe.name,
    outputProductId: recipe.outputProductId,
    outputQuantity: trimDecimal(recipe.outputQuantity),
    shelfLifeDays: recipe.shelfLifeDays === null ? "" : String(recipe.shelfLifeDays),
    note: recipe.note,
    inputs: recipe.inputs.map((i) => ({ productId: i.productId, quantity: trimDecimal(i.quantity) })),
  };
}

/** What the pickers need to know of a product; `product` is null for an archived one a recipe still names. */
type Choice = { id: string; name: string; stockUnit: string; perishable: boolean; shelfLifeDays: number | null; active: boolean; product: Product | null };

/** The active products (any kind: goods, ingredients, packaging), as the pickers offer them. */
function useActiveProducts(): { products: Product[] | null; error: api.ApiError | null } {
  const [state, setState] = useState<{ products: Product[] | null; error: api.ApiError | null }>({ products: null, error: null });
  useEffect(() => {
    let current = true;
    api.listProducts({ search: "", includeArchived: false, limit: 500, offset: 0, kind: "" }).then(
      (page) => {
        if (current) setState({ products: page.items, error: null });
      },
      (reason: unknown) => {
        if (current) setState({ products: [], error: api.toApiError(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

/**
 * The products the form can name: the active ones, and those an existing recipe already uses (they
 * may have been archived since; Rust then says so at the field).
 */
function choicesOf(products: readonly Product[], recipe: Recipe | null): Choice[] {
  const out: Choice[] = products.map((p) => ({
    id: p.id,
    name: p.nameZh,
    stockUnit: p.stockUnit,
    perishable: p.perishable,
    shelfLifeDays: p.shelfLifeDays,
    active: true,
    product: p,
  }));
  if (recipe) {
    const known = new Set(out.map((c) => c.id));
    const extra = [
      { id: recipe.outputProductId, name: recipe.outputProductName, stockUnit: recipe.outputUnit },
      ...recipe.inputs.map((i) => ({ id: i.productId, name: i.productName, stockUnit: i.stockUnit })),
    ];
    for (const e of extra) {
      if (known.has(e.id)) continue;
      known.add(e.id);
      out.push({ ...e, perishable: false, shelfLifeDays: null, active: false, product: null });
    }
  }
  return out;
}

/**
 * What a recipe makes is goods or an ingredient (a sauce base made to go into another recipe), never
 * packaging. What it uses is mostly ingredients, then packaging (jars), then goods (small kiwis made
 * into jam): all are offered, in that order, each with its kind, so the ones that fit come first.
 */
const INPUT_ORDER: Record<ProductKind, number> = { ingredient: 0, packaging: 1, goods: 2 };

function recipeOptions(choices: readonly Choice[], role: "output" | "input", t: Translate, language: Language): ComboOption[] {
  const fits = choices.filter((c) => c.product === null || role === "input" || c.product.kind !== "packaging");
  const ordered =
    role === "input"
      ? [...fits].sort((a, b) => (a.product ? INPUT_ORDER[a.product.kind] : 3) - (b.product ? INPUT_ORDER[b.product.kind] : 3))
      : fits;
  return ordered.map((c) =>
    c.product
      ? productOption(c.product, language, t, { kind: true })
      : { value: c.id, label: t("recipe.archivedProduct", { name: c.name }), detail: unitLabel(c.stockUnit, language) },
  );
}

/** The shelf-life placeholder: what an empty field means for the chosen output. */
function shelfLifePlaceholder(t: Translate, output: Choice | undefined, language: Language): string {
  if (!output || !output.active) return t("recipe.shelfLifeFromProduct");
  if (!output.perishable || output.shelfLifeDays === null) return t("recipe.shelfLifeProductKeeps");
  return t("recipe.shelfLifeProductDays", { days: formatShelfLife(output.shelfLifeDays, language) });
}

export function RecipeForm({
  recipe,
  onSaved,
  onCancel,
}: {
  /** null adds a new recipe. */
  recipe: Recipe | null;
  onSaved: (recipe: Recipe) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [input, setInput] = useState<RecipeInput>(() => recipeToInput(recipe));
  // Stable keys of the input lines (not saved), so that removing one keeps the others' fields.
  const nextKey = useRef(input.inputs.length);
  const [inputKeys, setInputKeys] = useState<number[]>(() => input.inputs.map((_, i) => i));
  const { products, error: choicesError } = useActiveProducts();
  const choices = choicesOf(products ?? [], recipe);
  const choiceOf = (id: string): Choice | undefined => choices.find((c) => c.id === id);

  const label = (path: string): string => {
    const m = INPUT_PATH.exec(path);
    if (m) return t(m[2] === "productId" ? "recipe.field.inputProduct" : "recipe.field.inputQuantity");
    return t(`recipe.field.${path as TopField | "inputs"}`);
  };
  const form = useSaveForm<string, RecipeInput>(label, input);
  const { clearError, error } = form;
  const setTop = textSetter<typeof input, TopField>(setInput, clearError);

  function chooseOutput(productId: string) {
    setInput((prev) => ({ ...prev, outputProductId: productId }));
    // The unit of the quantity and whether an input is the output itself follow the choice.
    clearError("outputProductId", "outputQuantity", ...input.inputs.map((_, i) => inputPath(i, "productId")));
  }

  function setLine(index: number, field: InputField, value: string) {
    setInput((prev) => ({ ...prev, inputs: prev.inputs.map((line, i) => (i === index ? { ...line, [field]: value } : line)) }));
    clearError(inputPath(index, field), ...(field === "productId" ? [inputPath(index, "quantity")] : []));
  }

  function addInput() {
    setInput((prev) => ({ ...prev, inputs: [...prev.inputs, emptyInput()] }));
    setInputKeys((keys) => [...keys, nextKey.current++]);
    clearError("inputs");
  }

  function removeInput(index: number) {
    setInput((prev) => ({ ...prev, inputs: prev.inputs.filter((_, i) => i !== index) }));
    setInputKeys((keys) => keys.filter((_, i) => i !== index));
    form.setErrors(withoutInput(form.errors, index));
  }

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: shownFields(input.inputs.length),
      save: () => (recipe ? api.updateRecipe(recipe.id, input) : api.createRecipe(input)),
      onSaved,
    });

  const output = choiceOf(input.outputProductId);
  const loading = products === null;
  const noProducts = products !== null && products.length === 0 && !choicesError;
  const outputOptions = recipeOptions(choices, "output", t, language);
  const inputOptions = recipeOptions(choices, "input", t, language);

  return (
    <Modal title={recipe ? t("recipe.formEdit") : t("recipe.formAdd")} dirty={form.dirty} onClose={onCancel} wide>
      <form data-testid="recipe-form" className="form recipe-form" onSubmit={submit} noValidate ref={form.ref}>
        {choicesError ? (
          <ListError text={t("recipe.choicesFailed")} detail={t("error.detail", { message: choicesError.message })} />
        ) : null}
        <div className="form-grid form-grid-4">
          <TextField form="recipe" name="name" label={label("name")} required placeholder={t("recipe.namePlaceholder")} value={input.name} onChange={setTop("name")} error={error("name")} />
          <ComboboxField
            form="recipe"
            name="outputProductId"
            label={label("outputProductId")}
            required
            value={input.outputProductId}
            onChange={chooseOutput}
            error={error("outputProductId")}
            hint={noProducts ? t("recipe.noProducts") : undefined}
            placeholder={loading ? t("common.loading") : t("recipe.chooseOutput")}
            options={outputOptions}
          />
          <TextField
            form="recipe"
            name="outputQuantity"
            label={label("outputQuantity")}
            required
            inputMode="decimal"
            suffix={output ? unitLabel(output.stockUnit, language) : undefined}
            hint={t("recipe.outputQuantityHint")}
            value={input.outputQuantity}
            onChange={setTop("outputQuantity")}
            error={error("outputQuantity")}
          />
          <TextField
            form="recipe"
            name="shelfLifeDays"
            label={label("shelfLifeDays")}
            inputMode="numeric"
            suffix={t("product.shelfLifeSuffix")}
            placeholder={shelfLifePlaceholder(t, output, language)}
            value={input.shelfLifeDays}
            onChange={setTop("shelfLifeDays")}
            error={error("shelfLifeDays")}
          />
        </div>

        {/* With no inputs, Rust's message is about the inputs as a whole: the group is marked and focused. */}
        <fieldset
          className="form-section recipe-inputs"
          tabIndex={-1}
          aria-invalid={error("inputs") ? true : undefined}
          aria-describedby={error("inputs") ? "error-recipe-inputs" : undefined}
        >
          <legend>{label("inputs")}</legend>
          <p className="field-hint">{t("recipe.inputsHint")}</p>
          {input.inputs.length === 0 ? <p className="muted">{t("recipe.noInputs")}</p> : null}
          {input.inputs.map((line, i) => {
            const product = choiceOf(line.productId);
            const field = (name: InputField) => ({
              form: "recipe",
              name: `input-${i}-${name}`,
              errorName: `inputs-${i}-${name}`,
              label: label(inputPath(i, name)),
              error: error(inputPath(i, name)),
            });
            return (
              <div className="recipe-input" key={inputKeys[i] ?? i} role="group" aria-label={t("recipe.inputN", { n: i + 1 })}>
                <ComboboxField
                  {...field("productId")}
                  required
                  value={line.productId}
                  onChange={(id) => setLine(i, "productId", id)}
                  placeholder={loading ? t("common.loading") : t("recipe.chooseInput")}
                  options={inputOptions}
                />
                <TextField
                  {...field("quantity")}
                  required
                  inputMode="decimal"
                  suffix={product ? unitLabel(product.stockUnit, language) : undefined}
                  value={line.quantity}
                  onChange={(value) => setLine(i, "quantity", value)}
                />
                <button
                  type="button"
                  className="btn btn-small btn-quiet recipe-input-remove"
                  data-testid={`recipe-input-${i}-remove`}
                  aria-label={t("recipe.removeInputN", { n: i + 1 })}
                  onClick={() => removeInput(i)}
                >
                  {t("recipe.removeInput")}
                </button>
              </div>
            );
          })}
          {error("inputs") ? (
            <div className="field-error" id="error-recipe-inputs" data-testid="error-recipe-inputs" role="alert">
              {error("inputs")}
            </div>
          ) : null}
          <button type="button" className="btn btn-secondary" data-testid="recipe-add-input" onClick={addInput}>
            <span aria-hidden="true" className="btn-plus">
              +
            </span>
            {t("recipe.addInput")}
          </button>
        </fieldset>

        <TextArea form="recipe" name="note" label={label("note")} placeholder={t("recipe.notePlaceholder")} value={input.note} onChange={setTop("note")} error={error("note")} />
        <FormError problem={form.errors.form} />
        <FormActions form="recipe" saving={form.saving} />
      </form>
    </Modal>
  );
}
