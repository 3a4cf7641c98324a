// One order, opened from its row (`order-detail`): what was bought, who gets it, the notes, and — once
// packed — what it cost and earned. What can be done next depends on its state:
// - paid / packing: pack it (the pack step, PackStep.tsx);
// - packed: unpack (after asking), give it a courier and waybill, print its label and packing slip, ship;
// - shipped / finished: reprint, finish, take goods back or refund (ReturnForm.tsx).
// Every step answers the order as it now is; the dialog shows that and tells the list to reload.
import { useCallback, useEffect, useState, type FormEvent, type SyntheticEvent } from "react";
import * as api from "../api";
import type { Courier, Order, Product, SavedDocument, ShipInput } from "../bindings";
import { FormError, SelectField, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useToast } from "../components/Toast";
import { parseDecimal } from "../decimal";
import { issuesOf, problemOf, type FormProblem } from "../formErrors";
import { countUnitLabel, formatMoney, formatWeightKg, trimDecimal, unitLabel } from "../format";
import { useSaveForm } from "../hooks";
import { phrase, type MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { LabelOptions, useLabelPrefs } from "./LabelOptions";
import { PackStep } from "./PackStep";
import { PrintChoice } from "./PrintChoice";
import { ReturnForm } from "./ReturnForm";
import { canPack, canPrintSlip, COURIERS, courierName, hasShipped, isCourier, sourceKey, stateKey } from "./orderText";
import { numbersLeft, useWaybillRanges } from "./WaybillRanges";

type Mode = "view" | "pack" | "return";

function isNegative(amount: string | null): boolean {
  const d = amount === null ? null : parseDecimal(amount);
  return d !== null && d.units < 0n;
}

function isPositive(amount: string | null): boolean {
  const d = amount === null ? null : parseDecimal(amount);
  return d !== null && d.units > 0n;
}

/** The products of an order's lines (stock unit, weight, barcode), each asked for once. */
function useLineProducts(order: Order): (id: string) => Product | undefined {
  const [products, setProducts] = useState<Record<string, Product>>({});
  const ids = [...new Set(order.lines.map((l) => l.productId))].sort().join(",");
  useEffect(() => {
    let current = true;
    for (const id of ids.split(",").filter((s) => s !== "")) {
      api.getProduct(id).then(
        (p) => {
          if (current) setProducts((prev) => ({ ...prev, [p.id]: p }));
        },
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [ids]);
  return useCallback((id: string) => products[id], [products]);
}

function StateTag({ order }: { order: Order }) {
  const { t } = useI18n();
  return (
    <span className={`badge state-tag state-${order.state}`} data-testid="order-detail-state">
      {t(stateKey(order.state))}
    </span>
  );
}

function Lines({ order }: { order: Order }) {
  const { t, language } = useI18n();
  return (
    <div className="table-wrap order-detail-lines">
      <table className="table">
        <thead>
          <tr>
            <th>{t("order.field.productId")}</th>
            <th className="col-num">{t("order.field.quantity")}</th>
            <th className="col-num">{t("order.field.unitPrice")}</th>
            <th className="col-num">{t("order.field.discount")}</th>
            <th className="col-num">{t("order.lineAmount")}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line, i) => (
            <tr key={i} data-testid="order-detail-line">
              <td className="cell-strong">{line.productName}</td>
              <td className="col-num cell-nowrap">
                {trimDecimal(line.quantity)} {countUnitLabel(line.saleUnit, language)}
              </td>
              <td className="col-num cell-nowrap">{formatMoney(line.unitPrice)}</td>
              <td className="col-num cell-nowrap">{isPositive(line.discount) ? formatMoney(line.discount) : t("common.none")}</td>
              <td className="col-num cell-nowrap">{formatMoney(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4}>{t("order.field.shippingFee")}</th>
            <td className="col-num cell-nowrap">{formatMoney(order.shippingFee)}</td>
          </tr>
          <tr>
            <th colSpan={4}>{t("order.total")}</th>
            <td className="col-num cell-nowrap cell-strong" data-testid="order-detail-total">
              {formatMoney(order.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Money({ testId, label, amount, strong = false }: { testId: string; label: string; amount: string; strong?: boolean }) {
  return (
    <div className={strong ? "order-cost order-cost-strong" : "order-cost"}>
      <dt>{label}</dt>
      <dd data-testid={testId} className={isNegative(amount) ? "margin-negative" : undefined}>
        {formatMoney(amount)}
      </dd>
    </div>
  );
}

/** What the order cost and earned, once packed: goods, packaging, shipping, refunds, margin. */
function Costs({ order }: { order: Order }) {
  const { t, language } = useI18n();
  const { refunded } = order;
  if (order.goodsCost === null && order.margin === null) return null;
  const weight = formatWeightKg(order.weightKg, language);
  return (
    <section className="order-costs" aria-label={t("detail.costs")}>
      <dl className="plan-totals">
        {order.goodsCost !== null ? <Money testId="order-goods-cost" label={t("detail.goodsCost")} amount={order.goodsCost} /> : null}
        {order.packagingCost !== null ? <Money testId="order-packaging-cost" label={t("detail.packagingCost")} amount={order.packagingCost} /> : null}
        {order.shippingCost !== null ? <Money testId="order-shipping-cost" label={t("detail.shippingCost")} amount={order.shippingCost} /> : null}
        {isPositive(refunded) ? <Money testId="order-refunded" label={t("detail.refunded")} amount={refunded} /> : null}
        {order.margin !== null ? <Money testId="order-margin" label={t("detail.margin")} amount={order.margin} strong /> : null}
      </dl>
      {order.packedBy || weight ? (
        <p className="field-hint" data-testid="order-packed-by">
          {[order.packedBy ? t("detail.packedBy", { name: order.packedBy }) : null, weight ? t("detail.weight", { weight }) : null].filter(Boolean).join(" · ")}
        </p>
      ) : null}
    </section>
  );
}

function Returns({ order }: { order: Order }) {
  const { t, language } = useI18n();
  const { returns } = order;
  if (returns.length === 0) return null;
  return (
    <section className="order-returns" data-testid="order-returns">
      <h3>{t("detail.returns")}</h3>
      <ul>
        {returns.map((r, i) => (
          <li key={i} data-testid="order-return-entry">
            <span className="cell-nowrap">{r.at.slice(0, 10)}</span>{" "}
            <span className="cell-strong">{t("detail.returnRefund", { amount: formatMoney(r.refund) })}</span>
            {r.lines.length > 0 ? (
              <span>
                {" · "}
                {r.lines
                  .map((l) =>
                    t(l.disposition === "restock" ? "detail.returnRestocked" : "detail.returnWasted", {
                      name: l.productName,
                      quantity: `${trimDecimal(l.quantity)} ${unitLabel(l.stockUnit, language)}`,
                    }),
                  )
                  .join(t("orders.itemSeparator"))}
              </span>
            ) : null}
            {r.note ? <span className="cell-sub"> · {r.note}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

type ShipField = "courier" | "waybill" | "shippingCost" | "state" | "orderIds.0";
type ShipValues = { courier: Courier | ""; waybill: string; shippingCost: string };

const SHIP_FIELDS: readonly ShipField[] = ["courier", "waybill", "shippingCost", "state", "orderIds.0"];

/** The shop's default courier, for a packed order that has none yet. */
function useDefaultCourier(): Courier | null {
  const [courier, setCourier] = useState<Courier | null>(null);
  useEffect(() => {
    let current = true;
    api.getShopProfile().then(
      (p) => {
        if (current) setCourier(p?.defaultCourier ?? null);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return courier;
}

/**
 * A packed order: the courier, waybill and what the courier charges; save the waybill alone (so that
 * the label can print), print the label and packing slip, then ship.
 */
function PackedActions({ order, onOrder, onPrinted }: { order: Order; onOrder: (order: Order, message: MessageKey) => void; onPrinted: (doc: SavedDocument, title: string) => void }) {
  const { t } = useI18n();
  const defaultCourier = useDefaultCourier();
  const [values, setValues] = useState<ShipValues>(() => ({
    courier: isCourier(order.courier) ? order.courier : "",
    waybill: order.waybill ?? "",
    shippingCost: order.shippingCost !== null && isPositive(order.shippingCost) ? order.shippingCost : "",
  }));
  const courier: Courier | "" = values.courier === "" ? (defaultCourier ?? "") : values.courier;
  const [prefs, setPrefs] = useLabelPrefs();
  const [printing, setPrinting] = useState(false);
  const [confirmUnpack, setConfirmUnpack] = useState(false);
  const [unpacking, setUnpacking] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // Pre-bought numbers of the chosen courier (none when the list fails, e.g. an older Rust side).
  const { ranges } = useWaybillRanges();
  const [taking, setTaking] = useState(false);
  const left = numbersLeft(ranges, courier);
  // An order that already has this courier's number would waste one.
  const canTake = left > 0 && !(order.waybill && order.courier === courier);

  const labels: Record<ShipField, string> = {
    courier: t("ship.field.courier"),
    waybill: t("ship.field.waybill"),
    shippingCost: t("ship.field.shippingCost"),
    state: t("orders.colState"),
    "orderIds.0": t("ship.field.waybill"),
  };
  const form = useSaveForm<ShipField, ShipValues>(labels, values);
  const { clearError } = form;

  const set = (name: keyof ShipValues) => (value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    clearError(name, ...(name === "waybill" ? (["orderIds.0"] as const) : []));
  };

  /** A waybill the courier cannot have says what one looks like. */
  function waybillError(): string | undefined {
    const issue = form.errors.fields.waybill;
    const example = issue?.params?.example;
    if (issue?.rule === "bad_waybill" && example !== undefined) return t("ship.badWaybill", { courier: courierName(courier, t), example });
    if (form.errors.fields["orderIds.0"]) return t("ship.waybillFirst");
    return form.error("waybill");
  }

  function input(): ShipInput | null {
    if (courier === "") {
      form.setErrors({ fields: { courier: { field: "courier", rule: "required", message: "" } }, form: null });
      return null;
    }
    return { orderId: order.id, courier, waybill: values.waybill.trim(), shippingCost: values.shippingCost };
  }

  function run(e: SyntheticEvent, save: (input: ShipInput) => Promise<Order>, message: MessageKey) {
    const ship = input();
    if (!ship) {
      e.preventDefault();
      return;
    }
    void form.submit(e as FormEvent, { shown: SHIP_FIELDS, save: () => save(ship), onSaved: (saved) => onOrder(saved, message) });
  }

  /** The typed waybill is not the one saved yet: it is saved before the label is made. */
  const unsaved = values.waybill.trim() !== "" && (values.waybill.trim() !== (order.waybill ?? "") || courier !== (order.courier ?? ""));

  async function printLabel() {
    setProblem(null);
    if (values.waybill.trim() === "" && !order.waybill) {
      form.setErrors({ fields: { "orderIds.0": { field: "orderIds.0", rule: "required", message: "" } }, form: null });
      return;
    }
    setPrinting(true);
    try {
      let current = order;
      if (unsaved) {
        const ship = input();
        if (!ship) return;
        current = await api.setWaybill(ship);
        onOrder(current, "detail.waybillSavedToast");
      }
      const doc = await api.printLabels({ orderIds: [current.id], format: prefs.format, size: "", dpi: 0, maskPhone: prefs.maskPhone, sort: "" });
      onPrinted(doc, t("detail.labelSaved"));
    } catch (reason) {
      const issues = issuesOf(api.toApiError(reason));
      if (issues.some((i) => SHIP_FIELDS.some((f) => f === i.field))) form.setErrors({ fields: Object.fromEntries(issues.map((i) => [i.field, i])), form: null });
      else setProblem(problemOf(reason));
    } finally {
      setPrinting(false);
    }
  }

  /** The next pre-bought number of the chosen courier becomes the order's waybill (it stays packed). */
  async function takeWaybill() {
    if (courier === "" || taking) return;
    setTaking(true);
    form.setErrors({ fields: {}, form: null });
    try {
      const taken = await api.takeWaybill(order.id, courier);
      // Show the number it got, so the label and the form agree.
      setValues((prev) => ({ ...prev, courier: isCourier(taken.courier) ? taken.courier : prev.courier, waybill: taken.waybill ?? "" }));
      onOrder(taken, "detail.waybillTakenToast");
    } catch (reason) {
      const issue = issuesOf(api.toApiError(reason)).find((i) => i.field === "courier");
      // `required` here: no range of the courier has numbers left.
      if (issue) form.setErrors({ fields: { courier: issue }, form: null });
      else form.setErrors({ fields: {}, form: problemOf(reason) });
    } finally {
      setTaking(false);
    }
  }

  /** The courier's message; having no numbers left says where to add some. */
  function courierError(): string | undefined {
    if (form.errors.fields.courier?.rule === "no_numbers_left") return t("ship.noNumbersLeft", { courier: courierName(courier, t) });
    return form.error("courier");
  }

  async function unpack() {
    setUnpacking(true);
    setProblem(null);
    try {
      onOrder(await api.unpackOrder(order.id), "detail.unpackedToast");
    } catch (reason) {
      setProblem(problemOf(reason));
      setUnpacking(false);
      setConfirmUnpack(false);
    }
  }

  return (
    <>
      <form className="form ship-form" data-testid="ship-form" onSubmit={(e) => run(e, api.shipOrder, "detail.shippedToast")} noValidate ref={form.ref}>
        <h3>{t("ship.title")}</h3>
        <div className="form-grid form-grid-3">
          <SelectField form="ship" name="courier" label={labels.courier} required value={courier} onChange={set("courier")} error={courierError()}>
            <option value="">{t("ship.chooseCourier")}</option>
            {COURIERS.map((c) => (
              <option key={c} value={c}>
                {t(`courier.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField form="ship" name="waybill" label={labels.waybill} placeholder={t("ship.waybillPlaceholder")} value={values.waybill} onChange={set("waybill")} error={waybillError()} hint={order.waybill && !unsaved ? t("ship.waybillSaved") : undefined} />
          <TextField
            form="ship"
            name="cost"
            errorName="shippingCost"
            label={labels.shippingCost}
            inputMode="decimal"
            suffix={t("order.yuan")}
            placeholder="0"
            value={values.shippingCost}
            onChange={set("shippingCost")}
            error={form.error("shippingCost")}
          />
        </div>
        <FormError problem={form.errors.form} />
        <div className="detail-actions">
          {canTake ? (
            <button type="button" className="btn btn-secondary" data-testid="ship-take-waybill" disabled={taking || form.saving} onClick={() => void takeWaybill()}>
              {taking ? t("ship.taking") : t("ship.takeWaybill", { count: left })}
            </button>
          ) : null}
          <button type="button" className="btn btn-secondary" data-testid="ship-save-waybill" disabled={form.saving} onClick={(e) => run(e, api.setWaybill, "detail.waybillSavedToast")}>
            {t("ship.saveWaybill")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="ship-confirm" disabled={form.saving}>
            {form.saving ? t("common.saving") : t("ship.confirm")}
          </button>
        </div>
      </form>

      <section className="detail-print">
        <h3>{t("detail.printTitle")}</h3>
        <LabelOptions prefs={prefs} onChange={setPrefs} />
        <div className="detail-actions">
          <button type="button" className="btn btn-secondary" data-testid="order-print-label" disabled={printing} onClick={() => void printLabel()}>
            {printing ? t("detail.printing") : t("detail.printLabel")}
          </button>
          <SlipButton order={order} onPrinted={onPrinted} onProblem={setProblem} />
        </div>
      </section>

      <section className="detail-unpack">
        {confirmUnpack ? (
          <div className="reversal-explain" data-testid="confirm-unpack" role="alertdialog" aria-label={t("detail.unpackTitle")}>
            <div className="cell-strong">{t("detail.unpackTitle")}</div>
            <p>{t("detail.unpackExplain")}</p>
            <div className="detail-actions">
              <button type="button" className="btn btn-secondary" data-testid="confirm-unpack-no" autoFocus onClick={() => setConfirmUnpack(false)}>
                {t("detail.unpackNo")}
              </button>
              <button type="button" className="btn btn-danger" data-testid="confirm-unpack-yes" disabled={unpacking} onClick={() => void unpack()}>
                {t("detail.unpackYes")}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="btn btn-quiet" data-testid="order-unpack" onClick={() => setConfirmUnpack(true)}>
            {t("detail.unpack")}
          </button>
        )}
      </section>
      <FormError problem={problem} />
    </>
  );
}

function SlipButton({ order, onPrinted, onProblem }: { order: Order; onPrinted: (doc: SavedDocument, title: string) => void; onProblem: (p: FormProblem | null) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  async function print() {
    setBusy(true);
    onProblem(null);
    try {
      onPrinted(await api.printPackingSlips([order.id]), t("detail.slipSaved"));
    } catch (reason) {
      onProblem(problemOf(reason));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" className="btn btn-secondary" data-testid="order-print-slip" disabled={busy} onClick={() => void print()}>
      {t("detail.printSlip")}
    </button>
  );
}

/** Shipped or finished: the waybill, reprints, finishing and returns. */
function ShippedActions({
  order,
  onOrder,
  onPrinted,
  onReturn,
}: {
  order: Order;
  onOrder: (order: Order, message: MessageKey) => void;
  onPrinted: (doc: SavedDocument, title: string) => void;
  onReturn: () => void;
}) {
  const { t } = useI18n();
  const [prefs, setPrefs] = useLabelPrefs();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (reason) {
      setProblem(problemOf(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <section className="detail-waybill" data-testid="order-waybill">
        <h3>{t("ship.title")}</h3>
        <p>
          <span className="cell-strong">{courierName(order.courier, t) || t("common.none")}</span> <code className="waybill">{order.waybill ?? t("common.none")}</code>
        </p>
      </section>
      <section className="detail-print">
        <h3>{t("detail.printTitle")}</h3>
        <LabelOptions prefs={prefs} onChange={setPrefs} />
        <div className="detail-actions">
          <button
            type="button"
            className="btn btn-secondary"
            data-testid="order-reprint-label"
            disabled={busy || !order.waybill}
            onClick={() =>
              void act(async () => {
                const doc = await api.printLabels({ orderIds: [order.id], format: prefs.format, size: "", dpi: 0, maskPhone: prefs.maskPhone, sort: "" });
                onPrinted(doc, t("detail.labelSaved"));
              })
            }
          >
            {t("detail.reprintLabel")}
          </button>
          {canPrintSlip(order.state) ? <SlipButton order={order} onPrinted={onPrinted} onProblem={setProblem} /> : null}
        </div>
      </section>
      <div className="detail-actions detail-final">
        <button type="button" className="btn btn-secondary" data-testid="order-return" onClick={onReturn}>
          {t("detail.return")}
        </button>
        {order.state === "shipped" ? (
          <button type="button" className="btn btn-primary" data-testid="order-finish" disabled={busy} onClick={() => void act(async () => onOrder(await api.finishOrder(order.id), "detail.finishedToast"))}>
            {t("detail.finish")}
          </button>
        ) : null}
      </div>
      <FormError problem={problem} />
    </>
  );
}

/**
 * One order's dialog. `startPacking` (a label scanned into the orders screen's scan-to-pack field)
 * opens it at the pack step when the order can be packed.
 */
export function OrderDetail({
  order: initial,
  onClose,
  onChanged,
  startPacking = false,
}: {
  order: Order;
  onClose: () => void;
  onChanged: (order: Order) => void;
  startPacking?: boolean;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [order, setOrder] = useState<Order>(initial);
  const [mode, setMode] = useState<Mode>(startPacking && canPack(initial.state) ? "pack" : "view");
  const [dirty, setDirty] = useState(false);
  const [printed, setPrinted] = useState<{ doc: SavedDocument; title: string } | null>(null);
  const productOf = useLineProducts(order);
  const r = order.recipient;

  // The row may be a moment old: show the order as Rust has it now (with its returns).
  useEffect(() => {
    let current = true;
    api.getOrder(initial.id).then(
      (fresh) => {
        if (current) setOrder(fresh);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [initial.id]);

  const changed = useCallback(
    (next: Order, message: MessageKey) => {
      setOrder(next);
      setMode("view");
      setDirty(false);
      setPrinted(null);
      onChanged(next);
      toast.show({ message: phrase(message, { number: next.number, waybill: next.waybill ?? "" }) });
    },
    [onChanged, toast],
  );

  const onPrinted = useCallback((doc: SavedDocument, title: string) => setPrinted({ doc, title }), []);
  const onDirty = useCallback((d: boolean) => setDirty(d), []);

  const title =
    mode === "pack" ? t("pack.title", { number: order.number }) : mode === "return" ? t("returnForm.title", { number: order.number }) : t("detail.title", { number: order.number });

  return (
    <Modal title={title} dirty={dirty} onClose={onClose} wide>
      <div className="order-detail" data-testid="order-detail" data-state={order.state} data-id={order.id}>
        <div className="order-detail-head">
          <StateTag order={order} />
          <span className="cell-sub">
            {order.orderedOn} · {t(sourceKey(order.source))}
            {order.platformOrderId ? ` · ${t("orders.platformId", { id: order.platformOrderId })}` : ""}
            {order.buyer ? ` · ${t("detail.buyer", { buyer: order.buyer })}` : ""}
          </span>
        </div>
        <div className="order-detail-recipient" data-testid="order-recipient">
          <span className="cell-strong">{r.name}</span> <span className="order-phone">{r.phone}</span>
          <div className="cell-sub">{[r.province, r.city, r.district, r.street].filter((p, i, all) => p !== "" && all.indexOf(p) === i).join(" ")}{r.postcode ? ` ${r.postcode}` : ""}</div>
        </div>
        {mode === "pack" ? (
          <PackStep order={order} productOf={productOf} onPacked={(packed) => changed(packed, "detail.packedToast")} onBack={() => { setMode("view"); setDirty(false); }} onDirty={onDirty} />
        ) : mode === "return" ? (
          <ReturnForm order={order} onReturned={(returned) => changed(returned, "detail.returnedToast")} onBack={() => { setMode("view"); setDirty(false); }} onDirty={onDirty} />
        ) : (
          <>
            <Lines order={order} />
            {order.buyerNote || order.sellerNote ? (
              <div className="order-detail-notes" data-testid="order-notes">
                {order.buyerNote ? <div>{t("orders.buyerNote", { note: order.buyerNote })}</div> : null}
                {order.sellerNote ? <div>{t("detail.sellerNote", { note: order.sellerNote })}</div> : null}
              </div>
            ) : null}
            <Costs order={order} />
            <Returns order={order} />
            {canPack(order.state) ? (
              <div className="detail-actions detail-final">
                <button type="button" className="btn btn-primary" data-testid="order-pack" onClick={() => setMode("pack")}>
                  {t("detail.pack")}
                </button>
              </div>
            ) : order.state === "packed" ? (
              <PackedActions key={order.updatedAt} order={order} onOrder={changed} onPrinted={onPrinted} />
            ) : hasShipped(order.state) ? (
              <ShippedActions order={order} onOrder={changed} onPrinted={onPrinted} onReturn={() => setMode("return")} />
            ) : order.state === "waiting_payment" ? (
              <p className="muted">{t("detail.waitingPayment")}</p>
            ) : null}
            {printed ? <PrintChoice key={printed.doc.path + String(printed.doc.bytes)} doc={printed.doc} title={printed.title} /> : null}
          </>
        )}
      </div>
    </Modal>
  );
}

