// Add or edit one farmer. On a rejected save the form stays open with what was typed, and every
// wrong field shows its message.
import { useState, type FormEvent } from "react";
import * as api from "../api";
import type { Farmer, FarmerInput } from "../bindings";
import { FormActions, FormError, TextArea, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useSaveForm, textSetter } from "../hooks";
import { useI18n } from "../i18nContext";

type FieldName = keyof FarmerInput;

const FIELDS: readonly FieldName[] = ["name", "village", "phone", "paymentNotes", "remarks"];

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

  const labels: Record<FieldName, string> = {
    name: t("farmer.field.name"),
    village: t("farmer.field.village"),
    phone: t("farmer.field.phone"),
    paymentNotes: t("farmer.field.paymentNotes"),
    remarks: t("farmer.field.remarks"),
  };
  const form = useSaveForm(labels, input);
  const error = form.error;

  const set = textSetter<typeof input, FieldName>(setInput, form.clearError);

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: FIELDS,
      save: () => (farmer ? api.updateFarmer(farmer.id, input) : api.createFarmer(input)),
      onSaved,
    });

  return (
    <Modal title={farmer ? t("farmers.formEdit") : t("farmers.formAdd")} dirty={form.dirty} onClose={onCancel}>
      <form data-testid="farmer-form" className="form" onSubmit={submit} noValidate ref={form.ref}>
        <div className="form-grid">
          <TextField form="farmer" name="name" label={labels.name} required value={input.name} onChange={set("name")} error={error("name")} />
          <TextField form="farmer" name="village" label={labels.village} value={input.village} onChange={set("village")} error={error("village")} />
          <TextField form="farmer" name="phone" type="tel" inputMode="tel" label={labels.phone} value={input.phone} onChange={set("phone")} error={error("phone")} />
          <TextField form="farmer" name="paymentNotes" label={labels.paymentNotes} placeholder={t("farmer.paymentNotesPlaceholder")} value={input.paymentNotes} onChange={set("paymentNotes")} error={error("paymentNotes")} />
          <TextArea form="farmer" name="remarks" label={labels.remarks} placeholder={t("farmer.remarksPlaceholder")} value={input.remarks} onChange={set("remarks")} error={error("remarks")} />
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="farmer" saving={form.saving} />
      </form>
    </Modal>
  );
}
