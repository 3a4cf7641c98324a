// What the order list does with several orders at once: the pick list (拣货单: per product how much to
// take for the selected orders and from which lots, first expiry first, and what is short), waybill
// numbers for all of them from a courier's pre-bought ranges (before packing), and their shipping
// labels in the pick list's order. Documents are saved as PDFs that can be opened or sent to a
// printer (PrintChoice).
import { useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { AssignedWaybills, Courier, Order, PickList, SavedDocument, WaybillRange } from "../bindings";
import { FormError } from "../components/Field";
import { Modal } from "../components/Modal";
import { issuesOf, problemOf, type FormProblem } from "../formErrors";
import { formatQuantity } from "../format";
import { useI18n } from "../i18nContext";
import { LabelOptions, useLabelPrefs } from "./LabelOptions";
import { canPrintLabel, canTakeWaybill, COURIERS, courierName, hasShipped, isCourier } from "./orderText";
import { PrintChoice } from "./PrintChoice";

function isShort(short: string): boolean {
  return /[1-9]/.test(short);
}

export function PickListDialog({ orders, onClose }: { orders: readonly Order[]; onClose: () => void }) {
  const { t, language } = useI18n();
  const orderIds = orders.map((o) => o.id);
  const key = orderIds.join(",");
  const [list, setList] = useState<PickList | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [printing, setPrinting] = useState(false);
  const [doc, setDoc] = useState<SavedDocument | null>(null);

  useEffect(() => {
    let current = true;
    api.pickList({ orderIds: key.split(",").filter((s) => s !== "") }).then(
      (answer) => {
        if (current) setList(answer);
      },
      (reason: unknown) => {
        if (current) setProblem(problemOf(reason));
      },
    );
    return () => {
      current = false;
    };
  }, [key]);

  async function print() {
    setPrinting(true);
    setProblem(null);
    try {
      setDoc(await api.printPickList({ orderIds }));
    } catch (reason) {
      setProblem(problemOf(reason));
    } finally {
      setPrinting(false);
    }
  }

  const shortCount = list ? list.products.filter((p) => isShort(p.short)).length : 0;

  return (
    <Modal title={t("pickList.title")} dirty={false} onClose={onClose} wide>
      <div className="pick-list" data-testid="pick-list">
        {list === null && problem === null ? <p className="muted">{t("common.loading")}</p> : null}
        {list ? (
          <>
            <p className="form-lead" data-testid="pick-list-summary">
              {t("pickList.summary", { orders: list.orders, products: list.products.length })}
            </p>
            {shortCount > 0 ? (
              <div className="form-error" data-testid="pick-list-short" role="alert">
                {t("pickList.shortLead", { count: shortCount })}
              </div>
            ) : null}
            {list.products.length === 0 ? (
              <p className="muted">{t("pickList.empty")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t("pickList.colProduct")}</th>
                      <th className="col-num">{t("pickList.colQuantity")}</th>
                      <th>{t("pickList.colLots")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.products.map((p) => {
                      const short = isShort(p.short);
                      return (
                        <tr key={p.productId} data-testid="pick-product" data-id={p.productId} data-short={short ? "true" : undefined} className={short ? "pick-row-short" : undefined}>
                          <td>
                            <div className="cell-strong">{p.productName}</div>
                            <div className="cell-sub">{t("pickList.orders", { count: p.orders })}</div>
                          </td>
                          <td className="col-num cell-nowrap cell-strong" data-testid="pick-quantity">
                            {formatQuantity(p.quantity, p.stockUnit, language)}
                          </td>
                          <td>
                            <ul className="pick-lots">
                              {p.lots.map((lot) => (
                                <li key={lot.lotId} data-testid="pick-lot">
                                  <span className="cell-strong">{formatQuantity(lot.quantity, p.stockUnit, language)}</span>
                                  {" · "}
                                  {t("pickList.receivedOn", { date: lot.receivedOn })}
                                  {" · "}
                                  {lot.bestBefore ? t("pickList.bestBefore", { date: lot.bestBefore }) : t("expiry.keeps")}
                                </li>
                              ))}
                            </ul>
                            {short ? (
                              <div className="plan-short" data-testid="pick-short">
                                {t("pickList.short", { quantity: formatQuantity(p.short, p.stockUnit, language) })}
                              </div>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : null}
        <FormError problem={problem} />
        {doc ? <PrintChoice key={doc.path} doc={doc} title={t("pickList.saved")} /> : null}
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="pick-list-close" onClick={onClose}>
            {t("common.close")}
          </button>
          <button type="button" className="btn btn-primary" data-testid="pick-list-print" disabled={printing || list === null} onClick={() => void print()}>
            {printing ? t("detail.printing") : t("pickList.print")}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/**
 * The labels of the selected orders that can have one (paid, packing, packed or shipped, with a
 * waybill), made at once in the size last used and made again when the size changes; the others are
 * named with why not. They come out in the pick list's order (`sort: "pick"`: by the first of each
 * order's products by name, as the pick list lists products, then by order number), so the packer
 * who walks the pick list finds the labels in the same order.
 */
export function LabelsDialog({ orders, onClose }: { orders: readonly Order[]; onClose: () => void }) {
  const { t } = useI18n();
  const [prefs, setPrefs] = useLabelPrefs();
  const ready = orders.filter(canPrintLabel);
  const skipped = orders.filter((o) => !canPrintLabel(o));
  const key = ready.map((o) => o.id).join(",");
  const [doc, setDoc] = useState<SavedDocument | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    const orderIds = key.split(",").filter((s) => s !== "");
    if (orderIds.length === 0) return;
    let current = true;
    setWorking(true);
    setDoc(null);
    setProblem(null);
    api.printLabels({ orderIds, format: prefs.format, size: "", dpi: 0, maskPhone: prefs.maskPhone, sort: "pick" }).then(
      (saved) => {
        if (!current) return;
        setDoc(saved);
        setWorking(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setProblem(problemOf(reason));
        setWorking(false);
      },
    );
    return () => {
      current = false;
    };
  }, [key, prefs.format, prefs.maskPhone]);

  return (
    <Modal title={t("labels.title")} dirty={false} onClose={onClose}>
      <div className="labels-dialog" data-testid="labels-dialog">
        <p className="form-lead" data-testid="labels-count">
          {ready.length > 0 ? t("labels.count", { count: ready.length }) : t("labels.none")}
        </p>
        {skipped.length > 0 ? (
          <div className="reversal-explain" data-testid="labels-skipped">
            <div className="cell-strong">{t("labels.skipped")}</div>
            <ul>
              {skipped.map((o) => (
                <li key={o.id}>{t(canTakeWaybill(o.state) || hasShipped(o.state) ? "labels.noWaybill" : "labels.notReady", { number: o.number })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {ready.length > 1 ? <p className="muted">{t("labels.pickOrder")}</p> : null}
        {ready.length > 0 ? <LabelOptions prefs={prefs} onChange={setPrefs} /> : null}
        {working ? <p className="muted">{t("detail.printing")}</p> : null}
        <FormError problem={problem} />
        {doc ? <PrintChoice key={doc.path + String(doc.bytes)} doc={doc} title={t("detail.labelSaved")} /> : null}
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="labels-close" onClick={onClose}>
            {t("common.close")}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/**
 * 分配运单号: every selected order without a waybill gets the next number of the chosen courier's
 * pre-bought ranges, in one go (Rust gives all or none: a range that runs short says how many are
 * left and how many are needed). Orders with a waybill keep it. The courier offered first is the
 * shop's usual one, else the one with the most numbers left.
 */
export function AssignWaybillsDialog({
  orders,
  onClose,
  onAssigned,
}: {
  orders: readonly Order[];
  onClose: () => void;
  onAssigned: (result: AssignedWaybills) => void;
}) {
  const { t } = useI18n();
  // The orders as they were when the dialog opened: once numbers are given, the list's copies
  // carry them, and the lead must still say what this dialog did.
  const [asked] = useState(() => [...orders]);
  const [ranges, setRanges] = useState<WaybillRange[] | null>(null);
  const [courier, setCourier] = useState<Courier | "">("");
  const [working, setWorking] = useState(false);
  const [result, setResult] = useState<AssignedWaybills | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [short, setShort] = useState<string | null>(null);
  const needing = asked.filter((o) => o.waybill === null || o.waybill === "");
  const cannot = needing.filter((o) => !canTakeWaybill(o.state));

  useEffect(() => {
    let current = true;
    Promise.all([api.listWaybillRanges(), api.getShopProfile().catch(() => null)]).then(
      ([list, profile]) => {
        if (!current) return;
        setRanges(list);
        const left = (c: Courier) => list.filter((r) => r.courier === c).reduce((sum, r) => sum + r.left, 0);
        const usual = profile?.defaultCourier ?? null;
        const best = [...COURIERS].sort((a, b) => left(b) - left(a))[0];
        const offered = usual !== null && left(usual) > 0 ? usual : best !== undefined && left(best) > 0 ? best : (usual ?? "");
        setCourier((prev) => (prev !== "" ? prev : offered));
      },
      (reason: unknown) => {
        if (current) setProblem(problemOf(reason));
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const leftOf = (c: Courier) => (ranges ?? []).filter((r) => r.courier === c).reduce((sum, r) => sum + r.left, 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (working || courier === "") return;
    setWorking(true);
    setProblem(null);
    setShort(null);
    try {
      const answer = await api.assignWaybills({ orderIds: asked.map((o) => o.id), courier });
      setResult(answer);
      onAssigned(answer);
      api.listWaybillRanges().then(setRanges, () => undefined);
    } catch (reason) {
      const issue = issuesOf(api.toApiError(reason)).find((i) => i.rule === "no_numbers_left");
      if (issue) {
        setShort(t("assign.short", { courier: courierName(courier, t), left: issue.params?.left ?? "0", needed: issue.params?.needed ?? String(needing.length) }));
      } else {
        setProblem(problemOf(reason));
      }
    } finally {
      setWorking(false);
    }
  }

  return (
    <Modal title={t("assign.title")} dirty={false} onClose={onClose}>
      <form className="form" data-testid="assign-waybills" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form-lead" data-testid="assign-count">
          {needing.length === asked.length ? t("assign.leadAll", { count: needing.length }) : t("assign.lead", { count: needing.length, kept: asked.length - needing.length })}
        </p>
        {cannot.length > 0 ? (
          <div className="reversal-explain" data-testid="assign-cannot">
            <div className="cell-strong">{t("assign.cannot")}</div>
            <ul>
              {cannot.map((o) => (
                <li key={o.id}>{t("labels.notReady", { number: o.number })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <label className="field">
          <span className="field-label">{t("ship.field.courier")}</span>
          <span className="select-wrap">
            <select data-testid="assign-courier" value={courier} onChange={(e) => setCourier(isCourier(e.target.value) ? e.target.value : "")}>
              <option value="">{t("ship.chooseCourier")}</option>
              {COURIERS.map((c) => (
                <option key={c} value={c}>
                  {t("assign.courierLeft", { courier: t(`courier.${c}`), count: leftOf(c) })}
                </option>
              ))}
            </select>
          </span>
        </label>
        {short ? (
          <div className="form-error" data-testid="assign-error" role="alert">
            {short}
          </div>
        ) : null}
        <FormError problem={problem} />
        {result ? (
          <div className="field-hint order-paste-found" data-testid="assign-result" data-given={result.given} data-kept={result.kept} aria-live="polite">
            {result.kept === 0 ? t("assign.doneAll", { given: result.given }) : t("assign.done", { given: result.given, kept: result.kept })}
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="assign-close" onClick={onClose}>
            {t("common.close")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="assign-save" disabled={working || courier === "" || needing.length === 0 || result !== null}>
            {working ? t("assign.working") : t("assign.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
