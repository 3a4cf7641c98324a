// Reverse a receipt that was entered wrongly. A receipt is never edited: reversing it empties its lots
// and, if it was on credit, the farmer is no longer owed for it; the receipt stays in the list marked
// as reversed. The dialog says so in plain words before anything happens. Rust refuses when some of a
// line's stock already left its lot (`lot_used` on `lines.<i>`, with `params.used` in the lot's stock
// unit and `params.line`, 1-based): that message shows under the line, with the unit, and points to
// the stock count instead.
import { useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Purchase } from "../bindings";
import { FormError, TextField } from "../components/Field";
import { Modal, useModalClose } from "../components/Modal";
import { formatMoney, formatQuantity } from "../format";
import { ruleMessage } from "../formErrors";
import { useSaveForm } from "../hooks";
import { useI18n } from "../i18nContext";
import { payMethodKey } from "./PaymentForm";

type FieldName = "purchaseId" | "reason" | `lines.${number}`;

function ReversalActions({ saving }: { saving: boolean }) {
  const { t } = useI18n();
  const cancel = useModalClose();
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-secondary" data-testid="reversal-cancel" onClick={cancel}>
        {t("common.cancel")}
      </button>
      <button type="submit" className="btn btn-danger" data-testid="reversal-save" disabled={saving}>
        {saving ? t("common.saving") : t("reversal.save")}
      </button>
    </div>
  );
}

export function ReversalForm({
  purchase,
  onSaved,
  onCancel,
}: {
  purchase: Purchase;
  onSaved: (purchase: Purchase) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [reason, setReason] = useState("");
  /** Stock units of the products whose lines were refused, to say "1.5 斤" rather than "1.5". */
  const [stockUnits, setStockUnits] = useState<Readonly<Record<string, string>>>({});

  const lineLabel = (i: number): string => {
    const line = purchase.lines[i];
    if (!line) return t("reversal.field.purchaseId");
    return line.grade ? `${line.productName} ${line.grade}` : line.productName;
  };
  const label = (name: FieldName): string => {
    if (name === "reason") return t("reversal.field.reason");
    if (name === "purchaseId") return t("reversal.field.purchaseId");
    return lineLabel(Number(name.slice("lines.".length)));
  };
  const form = useSaveForm<FieldName, { reason: string }>(label, { reason });
  const lineFields: FieldName[] = purchase.lines.map((_, i) => `lines.${i}` as const);
  const shown: readonly FieldName[] = ["purchaseId", "reason", ...lineFields];

  // The unit of `params.used` is the lot's stock unit, which a purchase line does not carry: ask
  // for the products of the refused lines once. Without it the number is shown alone.
  const refused = lineFields
    .filter((name) => form.errors.fields[name]?.rule === "lot_used")
    .map((name) => purchase.lines[Number(name.slice("lines.".length))]?.productId)
    .filter((id): id is string => id !== undefined && stockUnits[id] === undefined);
  const missingUnits = [...new Set(refused)].join(",");
  useEffect(() => {
    if (missingUnits === "") return;
    let current = true;
    for (const id of missingUnits.split(",")) {
      api.getProduct(id).then(
        (product) => {
          if (current) setStockUnits((prev) => ({ ...prev, [id]: product.stockUnit }));
        },
        () => undefined, // the message reads without the unit too
      );
    }
    return () => {
      current = false;
    };
  }, [missingUnits]);

  function lineError(i: number): string | undefined {
    const name: FieldName = `lines.${i}`;
    const issue = form.errors.fields[name];
    const line = purchase.lines[i];
    if (!issue || !line) return undefined;
    const params = { ...(issue.params ?? {}) };
    const unit = stockUnits[line.productId];
    if (issue.rule === "lot_used" && params.used !== undefined && unit !== undefined) {
      params.used = formatQuantity(params.used, unit, language);
    }
    if (params.line === undefined) params.line = String(i + 1);
    return ruleMessage(t, issue.rule, lineLabel(i), issue.message, params);
  }

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown,
      save: () => api.reversePurchase({ purchaseId: purchase.id, reason, reversedOn: "" }),
      onSaved,
    });

  const { payment } = purchase;
  const total = formatMoney(purchase.total);
  const purchaseError = form.error("purchaseId");

  return (
    <Modal title={t("reversal.title")} dirty={form.dirty} onClose={onCancel}>
      <form data-testid="reversal-form" className="form" onSubmit={submit} noValidate ref={form.ref}>
        <p className="form-lead">
          <span className="cell-strong">{t("reversal.lead", { farmer: purchase.farmerName, date: purchase.receivedOn, total })}</span>
        </p>
        {purchaseError ? (
          <div className="form-error" data-testid="error-reversal-purchaseId" role="alert">
            {purchaseError}
          </div>
        ) : null}
        <div className="reversal-explain">
          <div className="cell-strong">{t("reversal.what")}</div>
          <ul>
            <li>{t("reversal.lots")}</li>
            <li>
              {payment === "owed"
                ? t("reversal.owed", { farmer: purchase.farmerName, total })
                : t("reversal.paid", { farmer: purchase.farmerName, payment: t(payMethodKey(payment)) })}
            </li>
            <li>{t("reversal.kept")}</li>
            <li>{t("reversal.redo")}</li>
          </ul>
        </div>
        <div className="reversal-lines">
          <div className="field-label">{t("reversal.lines")}</div>
          <ol>
            {purchase.lines.map((line, i) => {
              const message = lineError(i);
              return (
                <li key={line.lotId} className={message ? "reversal-line reversal-line-refused" : "reversal-line"} data-testid="reversal-line">
                  <div>
                    {t("reversal.line", {
                      n: i + 1,
                      product: lineLabel(i),
                      quantity: formatQuantity(line.quantity, line.unit, language),
                    })}
                  </div>
                  {message ? (
                    <div className="field-error" data-testid={`error-reversal-lines-${i}`} role="alert">
                      {message}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </div>
        <div className="form-grid">
          <TextField
            form="reversal"
            name="reason"
            className="field-wide"
            label={t("reversal.field.reason")}
            required
            placeholder={t("reversal.reasonPlaceholder")}
            value={reason}
            onChange={(value) => {
              setReason(value);
              form.clearError("reason");
            }}
            error={form.error("reason")}
          />
        </div>
        <FormError problem={form.errors.form} />
        <ReversalActions saving={form.saving} />
      </form>
    </Modal>
  );
}
