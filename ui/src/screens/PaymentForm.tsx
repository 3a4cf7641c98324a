// Pay a farmer all or part of what the shop owes. The amount starts as the whole balance; everything
// is sent as typed, and Rust refuses more than is owed (`more_than_owed` on `amount`, with
// `params.owed`), which shows under the amount.
import { useState, type FormEvent } from "react";
import * as api from "../api";
import type { FarmerBalance, PayMethod, PaymentInput } from "../bindings";
import { FormActions, FormError, SelectField, TextArea, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { parseDecimal, subtract, toText } from "../decimal";
import { formatMoney, todayInShanghai } from "../format";
import { useSaveForm, textSetter } from "../hooks";
import type { MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { useFarmerDefault } from "./farmerHabits";

/** The ways to pay in the order the select offers them; the first is the default. */
export const PAY_METHODS: readonly PayMethod[] = ["cash", "wechat", "alipay", "bank"];

export function payMethodKey(method: PayMethod): MessageKey {
  return `payMethod.${method}`;
}

/** Something is still owed (a balance above zero): the farmer can be paid. */
export function owes(balance: FarmerBalance): boolean {
  const d = parseDecimal(balance.balance);
  return d !== null && d.units > 0n;
}

/** What a payment paid: the farmer's balance before it less the balance after it, "40.00". */
export function paidBetween(before: FarmerBalance, after: FarmerBalance): string | null {
  const was = parseDecimal(before.balance);
  const is = parseDecimal(after.balance);
  return was && is ? toText(subtract(was, is)) : null;
}

type FieldName = Exclude<keyof PaymentInput, "farmerId">;

const FIELDS: readonly FieldName[] = ["amount", "method", "paidOn", "note"];

export function PaymentForm({
  balance,
  onSaved,
  onCancel,
}: {
  balance: FarmerBalance;
  /** After the payment: the farmer's balance now, and how much was paid ("40.00"). */
  onSaved: (after: FarmerBalance, paid: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [input, setInput] = useState<Omit<PaymentInput, "farmerId">>(() => ({
    amount: balance.balance,
    method: PAY_METHODS[0] ?? "cash",
    paidOn: todayInShanghai(),
    note: "",
  }));

  const labels: Record<FieldName, string> = {
    amount: t("pay.field.amount"),
    method: t("pay.field.method"),
    paidOn: t("pay.field.paidOn"),
    note: t("pay.field.note"),
  };
  const form = useSaveForm(labels, input);
  const { error } = form;

  const set = textSetter<typeof input, FieldName>(setInput, form.clearError);
  // The method starts as the one this farmer was last paid by, until the person picks one; the
  // form is no more "changed" for it than when it opened.
  const { setBaseline } = form;
  const usualMethod = useFarmerDefault(balance.farmerId, (h) => h.payMethod, PAY_METHODS[0] ?? "cash", (method) => {
    setInput((prev) => ({ ...prev, method }));
    setBaseline((prev) => ({ ...prev, method }));
  });

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: FIELDS,
      save: () => api.recordPayment({ farmerId: balance.farmerId, ...input }),
      onSaved: (after) => onSaved(after, paidBetween(balance, after) ?? input.amount.trim()),
    });

  return (
    <Modal title={t("pay.title", { name: balance.farmerName })} dirty={form.dirty} onClose={onCancel}>
      <form data-testid="payment-form" className="form" onSubmit={submit} noValidate ref={form.ref}>
        <p className="form-lead">
          <span className="cell-strong">{balance.farmerName}</span>
          {balance.village ? <span className="muted"> · {balance.village}</span> : null}
        </p>
        <div className="form-grid">
          <TextField
            form="payment"
            name="amount"
            label={labels.amount}
            required
            inputMode="decimal"
            suffix={t("pay.amountSuffix")}
            hint={t("pay.owedHint", { balance: formatMoney(balance.balance) })}
            value={input.amount}
            onChange={set("amount")}
            error={error("amount")}
          />
          <SelectField
            form="payment"
            name="method"
            label={labels.method}
            required
            value={input.method}
            onChange={(value) => {
              usualMethod.chosen();
              set("method")(value);
            }}
            error={error("method")}
            hint={usualMethod.fromHabit ? t("pay.usualMethod") : undefined}
          >
            {PAY_METHODS.map((method) => (
              <option key={method} value={method}>
                {t(payMethodKey(method))}
              </option>
            ))}
          </SelectField>
          <TextField
            form="payment"
            name="paidOn"
            type="date"
            label={labels.paidOn}
            value={input.paidOn}
            onChange={set("paidOn")}
            error={error("paidOn")}
          />
          <TextArea form="payment" name="note" label={labels.note} placeholder={t("pay.notePlaceholder")} value={input.note} onChange={set("note")} error={error("note")} />
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="payment" saving={form.saving} />
      </form>
    </Modal>
  );
}
