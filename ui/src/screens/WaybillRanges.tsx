// Pre-bought waybill numbers (快递单号段), opened from the orders screen (`waybill-ranges`): the ranges a
// courier sold the shop, how far each is used and how many numbers are left, and a form to add one.
// The ship form takes the next number of the chosen courier from them (`ship-take-waybill`).
// Rust checks the numbers (docs/ipc.md, "Waybill ranges (pre-bought numbers)").
import { useCallback, useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Courier, WaybillRange, WaybillRangeInput } from "../bindings";
import { FormError, SelectField, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useToast } from "../components/Toast";
import { useSaveForm } from "../hooks";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError } from "./ListToolbar";
import { COURIERS, courierName } from "./orderText";

/** The shop's ranges as Rust has them now; `reload` reads them again. */
export function useWaybillRanges(): { ranges: WaybillRange[] | null; error: api.ApiError | null; reload: () => void } {
  const [state, setState] = useState<{ ranges: WaybillRange[] | null; error: api.ApiError | null }>({ ranges: null, error: null });
  const [token, setToken] = useState(0);
  useEffect(() => {
    let current = true;
    api.listWaybillRanges().then(
      (ranges) => {
        if (current) setState({ ranges, error: null });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ ranges: s.ranges ?? [], error: api.toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [token]);
  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, reload };
}

/** How many numbers of a courier's ranges are not given out yet. */
export function numbersLeft(ranges: readonly WaybillRange[] | null, courier: Courier | ""): number {
  if (ranges === null || courier === "") return 0;
  return ranges.filter((r) => r.courier === courier).reduce((sum, r) => sum + Math.max(0, r.left), 0);
}

type RangeField = "courier" | "first" | "last" | "note";
type RangeValues = { courier: Courier | ""; first: string; last: string; note: string };
const RANGE_FIELDS: readonly RangeField[] = ["courier", "first", "last", "note"];

export function WaybillRangesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { ranges, error, reload } = useWaybillRanges();
  const [dirty, setDirty] = useState(false);
  return (
    <Modal title={t("ranges.title")} dirty={dirty} onClose={onClose} wide>
      <div className="waybill-ranges" data-testid="waybill-ranges">
        <p className="form-lead">{t("ranges.intro")}</p>
        {error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: error.message })} /> : null}
        {ranges === null ? (
          <p className="muted">{t("common.loading")}</p>
        ) : ranges.length === 0 ? (
          <div className="empty" data-testid="waybill-ranges-empty">
            {t("ranges.empty")}
          </div>
        ) : (
          <RangeTable ranges={ranges} />
        )}
        <RangeForm onDirty={setDirty} onSaved={reload} />
      </div>
    </Modal>
  );
}

function RangeTable({ ranges }: { ranges: WaybillRange[] }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t("ranges.colCourier")}</th>
            <th>{t("ranges.colNumbers")}</th>
            <th>{t("ranges.colNext")}</th>
            <th className="col-num">{t("ranges.colLeft")}</th>
            <th>{t("ranges.colNote")}</th>
          </tr>
        </thead>
        <tbody>
          {ranges.map((range) => (
            <tr key={range.id} data-testid="waybill-range-row" data-id={range.id} className={range.next === null ? "range-used-up" : undefined}>
              <td className="cell-strong cell-nowrap">{courierName(range.courier, t)}</td>
              <td className="cell-nowrap">
                <code className="waybill">{range.first}</code> – <code className="waybill">{range.last}</code>
              </td>
              <td className="cell-nowrap" data-testid="range-next">
                {range.next === null ? <span className="muted">{t("ranges.usedUp")}</span> : <code className="waybill">{range.next}</code>}
              </td>
              <td className="col-num cell-nowrap" data-testid="range-left">
                {t("ranges.left", { count: range.left })}
              </td>
              <td className="cell-sub">{range.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RangeForm({ onDirty, onSaved }: { onDirty: (dirty: boolean) => void; onSaved: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [values, setValues] = useState<RangeValues>({ courier: "", first: "", last: "", note: "" });
  const labels: Record<RangeField, string> = {
    courier: t("ship.field.courier"),
    first: t("ranges.field.first"),
    last: t("ranges.field.last"),
    note: t("ranges.field.note"),
  };
  const form = useSaveForm<RangeField, RangeValues>(labels, values);
  const { clearError, dirty, setBaseline } = form;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  // The shop's default courier is the likely one.
  useEffect(() => {
    let current = true;
    api.getShopProfile().then(
      (p) => {
        const courier = p?.defaultCourier ?? null;
        if (!current || courier === null) return;
        setValues((prev) => (prev.courier === "" ? { ...prev, courier } : prev));
        setBaseline((prev) => (prev.courier === "" ? { ...prev, courier } : prev));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [setBaseline]);

  const set = (name: RangeField) => (value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    // Whether first and last go together is said on `last`: a change of either may settle it.
    clearError(name, ...(name === "first" ? (["last"] as const) : name === "courier" ? (["first", "last"] as const) : []));
  };

  /** A field's message: the courier's format, a range that does not hold together, an overlap. */
  function error(name: RangeField): string | undefined {
    const issue = form.errors.fields[name];
    const example = issue?.params?.example;
    const courier = courierName(values.courier, t);
    if (issue?.rule === "bad_waybill" && example !== undefined) return t("ship.badWaybill", { courier, example });
    if (name === "last" && issue?.rule === "not_allowed") return t("ranges.badRange");
    if (name === "first" && issue?.rule === "duplicate") return t("ranges.overlaps", { courier });
    return form.error(name);
  }

  function submit(e: FormEvent) {
    const { courier } = values;
    if (courier === "") {
      e.preventDefault();
      form.setErrors({ fields: { courier: { field: "courier", rule: "required", message: "" } }, form: null });
      return;
    }
    const input: WaybillRangeInput = { courier, first: values.first.trim(), last: values.last.trim(), note: values.note };
    void form.submit(e, {
      shown: RANGE_FIELDS,
      save: () => api.addWaybillRange(input),
      onSaved: (range) => {
        toast.show({ message: phrase("ranges.savedToast", { courier: courierName(range.courier, t), count: range.left }) });
        // The next range is most likely the same courier's.
        const next = { courier: range.courier, first: "", last: "", note: "" };
        setValues(next);
        setBaseline(next);
        onSaved();
      },
    });
  }

  return (
    <form data-testid="range-form" className="form range-form" onSubmit={submit} noValidate ref={form.ref}>
      <h3>{t("ranges.addTitle")}</h3>
      <div className="form-grid form-grid-4">
        <SelectField form="range" name="courier" label={labels.courier} required value={values.courier} onChange={set("courier")} error={error("courier")}>
          <option value="">{t("ship.chooseCourier")}</option>
          {COURIERS.map((c) => (
            <option key={c} value={c}>
              {t(`courier.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField form="range" name="first" label={labels.first} required placeholder={t("ranges.firstPlaceholder")} value={values.first} onChange={set("first")} error={error("first")} />
        <TextField form="range" name="last" label={labels.last} required placeholder={t("ranges.lastPlaceholder")} value={values.last} onChange={set("last")} error={error("last")} hint={t("ranges.lastHint")} />
        <TextField form="range" name="note" label={labels.note} placeholder={t("ranges.notePlaceholder")} value={values.note} onChange={set("note")} error={error("note")} />
      </div>
      <FormError problem={form.errors.form} />
      <div className="detail-actions">
        <button type="submit" className="btn btn-primary" data-testid="range-save" disabled={form.saving}>
          {form.saving ? t("common.saving") : t("ranges.save")}
        </button>
      </div>
    </form>
  );
}
