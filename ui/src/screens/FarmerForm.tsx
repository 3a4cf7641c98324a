// Add or edit one farmer. On a rejected save the form stays open with what was typed.
import { useState, type FormEvent } from "react";
import * as api from "../api";
import type { Farmer, FarmerInput } from "../bindings";
import { FormError, TextArea, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { explainError, noErrors, type FormErrors } from "../formErrors";
import { useI18n } from "../i18nContext";

type FieldName = keyof FarmerInput;

function toInput(farmer: Farmer | null): FarmerInput {
  return {
    name: farmer?.name ?? "",
    village: farmer?.village ?? "",
    phone: farmer?.phone ?? "",
    paymentNotes: farmer?.paymentNotes ?? "",
    remarks: farmer?.remarks ?? "",
  };
}

export function FarmerForm({
  farmer,
  onSaved,
  onCancel,
}: {
  /** null adds a new farmer. */
  farmer: Farmer | null;
  onSaved: (farmer: Farmer) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [input, setInput] = useState<FarmerInput>(() => toInput(farmer));
  const [errors, setErrors] = useState<FormErrors<FieldName>>(noErrors);
  const [saving, setSaving] = useState(false);

  const labels: Record<FieldName, string> = {
    name: t("farmer.field.name"),
    village: t("farmer.field.village"),
    phone: t("farmer.field.phone"),
    paymentNotes: t("farmer.field.paymentNotes"),
    remarks: t("farmer.field.remarks"),
  };

  const set = (name: FieldName) => (value: string) => {
    setInput((prev) => ({ ...prev, [name]: value }));
    setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [name]: undefined } }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(noErrors());
    try {
      const saved = farmer ? await api.updateFarmer(farmer.id, input) : await api.createFarmer(input);
      onSaved(saved);
    } catch (reason) {
      setErrors(explainError(reason, t, labels));
      setSaving(false);
    }
  }

  return (
    <Modal title={farmer ? t("farmers.formEdit") : t("farmers.formAdd")} onClose={onCancel}>
      <form data-testid="farmer-form" className="form" onSubmit={submit} noValidate>
        <div className="form-grid">
          <TextField form="farmer" name="name" label={labels.name} required value={input.name} onChange={set("name")} error={errors.fields.name} />
          <TextField form="farmer" name="village" label={labels.village} value={input.village} onChange={set("village")} error={errors.fields.village} />
          <TextField form="farmer" name="phone" type="tel" inputMode="tel" label={labels.phone} value={input.phone} onChange={set("phone")} error={errors.fields.phone} />
          <TextField form="farmer" name="paymentNotes" label={labels.paymentNotes} placeholder={t("farmer.paymentNotesPlaceholder")} value={input.paymentNotes} onChange={set("paymentNotes")} error={errors.fields.paymentNotes} />
          <TextArea form="farmer" name="remarks" label={labels.remarks} placeholder={t("farmer.remarksPlaceholder")} value={input.remarks} onChange={set("remarks")} error={errors.fields.remarks} />
        </div>
        <FormError error={errors.form} />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="farmer-cancel" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="farmer-save" disabled={saving}>
            {saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
