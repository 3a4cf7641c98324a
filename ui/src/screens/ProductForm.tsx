// Add or edit one product. Everything is sent as typed (strings); Rust parses units, money and days
// and names every field that is wrong; each message is shown next to its field.
import { useId, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Language, Product, ProductInput, ProductKind } from "../bindings";
import { CheckboxField, FormActions, FormError, SelectField, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { trimDecimal, unitLabel, unitSuggestions } from "../format";
import { useSaveForm, textSetter } from "../hooks";
import { useI18n } from "../i18nContext";

type FieldName = keyof ProductInput;

/** The fields in screen order; shelf life is on screen only for perishable products. */
const FIELDS: readonly FieldName[] = ["nameZh", "nameEn", "kind", "barcode", "saleUnit", "stockUnit", "price", "weightKg", "reorderPoint", "perishable", "shelfLifeDays"];

/** The kinds of product, in the order the selects offer them. */
export const PRODUCT_KINDS: readonly ProductKind[] = ["goods", "ingredient", "packaging"];

/** An existing product as the form shows it: units in the user's language, numbers as text. */
export function productToInput(product: Product | null, language: Language): ProductInput {
  if (!product) {
    return {
      nameZh: "",
      nameEn: "",
      saleUnit: "",
      stockUnit: "",
      perishable: false,
      shelfLifeDays: "",
      price: "",
      weightKg: "",
      kind: "goods",
      reorderPoint: "",
      barcode: "",
    };
  }
  return {
    nameZh: product.nameZh,
    nameEn: product.nameEn ?? "",
    saleUnit: unitLabel(product.saleUnit, language),
    stockUnit: unitLabel(product.stockUnit, language),
    perishable: product.perishable,
    shelfLifeDays: product.shelfLifeDays === null ? "" : String(product.shelfLifeDays),
    price: product.price,
    weightKg: product.weightKg === null ? "" : trimDecimal(product.weightKg),
    kind: product.kind,
    reorderPoint: product.reorderPoint === null ? "" : trimDecimal(product.reorderPoint),
    barcode: product.barcode ?? "",
  };
}

export function ProductForm({
  product,
  onSaved,
  onCancel,
}: {
  /** null adds a new product. */
  product: Product | null;
  onSaved: (product: Product) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [input, setInput] = useState<ProductInput>(() => productToInput(product, language));
  const unitListId = useId();

  const labels: Record<FieldName, string> = {
    nameZh: t("product.field.nameZh"),
    nameEn: t("product.field.nameEn"),
    saleUnit: t("product.field.saleUnit"),
    stockUnit: t("product.field.stockUnit"),
    perishable: t("product.field.perishable"),
    shelfLifeDays: t("product.field.shelfLifeDays"),
    price: t("product.field.price"),
    weightKg: t("product.field.weightKg"),
    kind: t("product.field.kind"),
    reorderPoint: t("product.field.reorderPoint"),
    barcode: t("product.field.barcode"),
  };
  const form = useSaveForm(labels, input);
  const { clearError, error } = form;

  const setText = textSetter<typeof input, Exclude<FieldName, "perishable" | "kind">>(setInput, clearError);

  /** A code already on another product names that product (Rust's sentence carries its name). */
  function barcodeError(): string | undefined {
    const issue = form.errors.fields.barcode;
    if (issue?.rule === "duplicate") {
      // The backend names the product that has the code in `params.product`.
      const other = issue.params?.["product"]?.trim();
      return other ? t("product.barcodeTaken", { name: other }) : `${error("barcode") ?? ""} ${t("error.detail", { message: issue.message })}`;
    }
    return error("barcode");
  }

  function submit(e: FormEvent) {
    // A shelf life typed before unticking "perishable" is kept on screen but not sent.
    const toSend: ProductInput = { ...input, shelfLifeDays: input.perishable ? input.shelfLifeDays : "" };
    return form.submit(e, {
      shown: toSend.perishable ? FIELDS : FIELDS.filter((f) => f !== "shelfLifeDays"),
      save: () => (product ? api.updateProduct(product.id, toSend) : api.createProduct(toSend)),
      onSaved,
    });
  }

  return (
    <Modal title={product ? t("products.formEdit") : t("products.formAdd")} dirty={form.dirty} onClose={onCancel}>
      <form data-testid="product-form" className="form" onSubmit={submit} noValidate ref={form.ref}>
        <datalist id={unitListId}>
          {unitSuggestions(language).map((label) => (
            <option key={label} value={label} />
          ))}
        </datalist>
        <div className="form-grid">
          <TextField form="product" name="nameZh" label={labels.nameZh} required placeholder={t("product.nameZhPlaceholder")} value={input.nameZh} onChange={setText("nameZh")} error={error("nameZh")} />
          <TextField form="product" name="nameEn" label={labels.nameEn} placeholder={t("product.nameEnPlaceholder")} value={input.nameEn} onChange={setText("nameEn")} error={error("nameEn")} />
          <SelectField
            form="product"
            name="kind"
            label={labels.kind}
            value={input.kind === "" ? "goods" : input.kind}
            onChange={(value) => {
              setInput((prev) => ({ ...prev, kind: value as ProductKind }));
              clearError("kind");
            }}
            error={error("kind")}
          >
            {PRODUCT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`productKind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField form="product" name="barcode" label={labels.barcode} placeholder={t("product.barcodePlaceholder")} value={input.barcode} onChange={setText("barcode")} error={barcodeError()} />
          <TextField form="product" name="saleUnit" label={labels.saleUnit} required list={unitListId} hint={t("product.saleUnitHint")} value={input.saleUnit} onChange={setText("saleUnit")} error={error("saleUnit")} />
          <TextField form="product" name="stockUnit" label={labels.stockUnit} required list={unitListId} hint={t("product.stockUnitHint")} value={input.stockUnit} onChange={setText("stockUnit")} error={error("stockUnit")} />
          <TextField form="product" name="price" label={labels.price} required inputMode="decimal" suffix={t("product.priceSuffix")} value={input.price} onChange={setText("price")} error={error("price")} />
          <TextField form="product" name="weightKg" label={labels.weightKg} inputMode="decimal" suffix={t("product.weightSuffix")} value={input.weightKg} onChange={setText("weightKg")} error={error("weightKg")} />
          <TextField form="product" name="reorderPoint" label={labels.reorderPoint} inputMode="decimal" suffix={input.stockUnit.trim() || undefined} hint={t("product.reorderPointHint")} value={input.reorderPoint} onChange={setText("reorderPoint")} error={error("reorderPoint")} />
          <CheckboxField
            form="product"
            name="perishable"
            label={labels.perishable}
            checked={input.perishable}
            onChange={(checked) => {
              setInput((prev) => ({ ...prev, perishable: checked }));
              clearError("perishable", "shelfLifeDays");
            }}
            error={error("perishable")}
          />
          {input.perishable ? (
            <TextField form="product" name="shelfLifeDays" label={labels.shelfLifeDays} required inputMode="numeric" suffix={t("product.shelfLifeSuffix")} value={input.shelfLifeDays} onChange={setText("shelfLifeDays")} error={error("shelfLifeDays")} />
          ) : null}
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="product" saving={form.saving} />
      </form>
    </Modal>
  );
}
