// Add or edit one product. Everything is sent as typed (strings); Rust parses units, money and days
// and names the field that is wrong, which is then shown next to that field.
import { useId, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Language, Product, ProductInput } from "../bindings";
import { CheckboxField, FormError, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { trimDecimal, unitLabel, unitSuggestions } from "../format";
import { explainError, noErrors, type FormErrors } from "../formErrors";
import { useI18n } from "../i18nContext";

type FieldName = keyof ProductInput;

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
  const [errors, setErrors] = useState<FormErrors<FieldName>>(noErrors);
  const [saving, setSaving] = useState(false);
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
  };

  function clearError(name: FieldName) {
    setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [name]: undefined } }));
  }

  const setText = (name: Exclude<FieldName, "perishable">) => (value: string) => {
    setInput((prev) => ({ ...prev, [name]: value }));
    clearError(name);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(noErrors());
    // A shelf life typed before unticking "perishable" is kept on screen but not sent.
    const toSend: ProductInput = { ...input, shelfLifeDays: input.perishable ? input.shelfLifeDays : "" };
    try {
      const saved = product ? await api.updateProduct(product.id, toSend) : await api.createProduct(toSend);
      onSaved(saved);
    } catch (reason) {
      setErrors(explainError(reason, t, labels));
      setSaving(false);
    }
  }

  return (
    <Modal title={product ? t("products.formEdit") : t("products.formAdd")} onClose={onCancel}>
      <form data-testid="product-form" className="form" onSubmit={submit} noValidate>
        <datalist id={unitListId}>
          {unitSuggestions(language).map((label) => (
            <option key={label} value={label} />
          ))}
        </datalist>
        <div className="form-grid">
          <TextField form="product" name="nameZh" label={labels.nameZh} required placeholder={t("product.nameZhPlaceholder")} value={input.nameZh} onChange={setText("nameZh")} error={errors.fields.nameZh} />
          <TextField form="product" name="nameEn" label={labels.nameEn} placeholder={t("product.nameEnPlaceholder")} value={input.nameEn} onChange={setText("nameEn")} error={errors.fields.nameEn} />
          <TextField form="product" name="saleUnit" label={labels.saleUnit} required list={unitListId} hint={t("product.saleUnitHint")} value={input.saleUnit} onChange={setText("saleUnit")} error={errors.fields.saleUnit} />
          <TextField form="product" name="stockUnit" label={labels.stockUnit} required list={unitListId} hint={t("product.stockUnitHint")} value={input.stockUnit} onChange={setText("stockUnit")} error={errors.fields.stockUnit} />
          <TextField form="product" name="price" label={labels.price} required inputMode="decimal" suffix={t("product.priceSuffix")} value={input.price} onChange={setText("price")} error={errors.fields.price} />
          <TextField form="product" name="weightKg" label={labels.weightKg} inputMode="decimal" suffix={t("product.weightSuffix")} value={input.weightKg} onChange={setText("weightKg")} error={errors.fields.weightKg} />
          <CheckboxField
            form="product"
            name="perishable"
            label={labels.perishable}
            checked={input.perishable}
            onChange={(checked) => {
              setInput((prev) => ({ ...prev, perishable: checked }));
              clearError("perishable");
              clearError("shelfLifeDays");
            }}
            error={errors.fields.perishable}
          />
          {input.perishable ? (
            <TextField form="product" name="shelfLifeDays" label={labels.shelfLifeDays} required inputMode="numeric" suffix={t("product.shelfLifeSuffix")} value={input.shelfLifeDays} onChange={setText("shelfLifeDays")} error={errors.fields.shelfLifeDays} />
          ) : null}
        </div>
        <FormError error={errors.form} />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="product-cancel" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="product-save" disabled={saving}>
            {saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
