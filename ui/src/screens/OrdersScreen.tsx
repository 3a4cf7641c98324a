// Orders: newest first (or oldest, or largest), the database filtering by state, source, province,
// dates and text (order number, buyer, recipient, phone, address; Chinese works) and paging. A row
// shows who gets what and its state as a coloured tag; an order waiting for payment can be marked paid,
// one not packed yet cancelled (after saying what that does to stock). "New order" opens the form.
// The scan-to-pack field (focused when the screen opens) takes what a scanner reads off a printed
// label (the waybill, or the QR code's order number), an order number or a platform order id, and
// opens that order at its pack step.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import * as api from "../api";
import type { AssignedWaybills, ListQuery, Order, OrderPage, OrderSource, OrderState } from "../bindings";
import { FormError, TextField } from "../components/Field";
import { Modal, useModalClose } from "../components/Modal";
import { useToast } from "../components/Toast";
import { isZero, parseDecimal } from "../decimal";
import { formatMoney } from "../format";
import { errorPhrases, issuesOf, problemOf, type FormProblem } from "../formErrors";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue } from "../hooks";
import { phrase, say, type Phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { PagedListView } from "./ListScreen";
import { ToolbarSelect } from "./ListToolbar";
import { AssignWaybillsDialog, LabelsDialog, PickListDialog } from "./OrderBatch";
import { OrderDetail } from "./OrderDetail";
import { OrderForm } from "./OrderForm";
import { ImportOrdersDialog, ShipmentsExportDialog } from "./ImportOrders";
import { dueIn } from "./orderText";
import { productOption } from "./pickerOptions";
import { PackagingRulesDialog } from "./PackagingRules";
import { WaybillRangesDialog } from "./WaybillRanges";
import { usePagedScreen } from "./useListScreen";
import { useProductsOfKind } from "./useProducts";
import {
  canCancel,
  canPack,
  canPay,
  holdsStock,
  isOrderSource,
  isOrderState,
  itemsSummary,
  ORDER_SOURCES,
  ORDER_STATES,
  sourceKey,
  stateKey,
} from "./orderText";
import { Combobox } from "../components/Combobox";
import { DateField } from "../components/DateField";

export type OrderSort = "newest" | "oldest" | "total" | "due";
const SORTS: readonly OrderSort[] = ["newest", "oldest", "total", "due"];

/** The toolbar's filters besides the search, as the owner set them. */
export type OrderFilters = {
  /** One state, "" = any, or "sold": every state that counts as a sale (paid and after). */
  state: OrderState | "" | "sold";
  source: OrderSource | "";
  /** A goods product the orders contain; "" = any. */
  product: string;
  province: string;
  from: string;
  to: string;
  sort: OrderSort;
};

export const NO_FILTERS: OrderFilters = { state: "", source: "", product: "", province: "", from: "", to: "", sort: "newest" };

/** The states that count as sold in the sales report and the month's profit (paid and after). */
export const SOLD_STATES: readonly OrderState[] = ["paid", "packing", "packed", "shipped", "finished", "refunded"];

/** One page of orders for the search and filters, as `list_orders` takes them. */
function listOrders(query: ListQuery, filters: OrderFilters): Promise<OrderPage> {
  return api.listOrders({
    states: filters.state === "" ? [] : filters.state === "sold" ? [...SOLD_STATES] : [filters.state],
    from: filters.from,
    to: filters.to,
    productId: filters.product,
    province: filters.province,
    source: filters.source,
    search: query.search,
    sort: filters.sort,
    limit: query.limit,
    offset: query.offset,
    ...(query.after === undefined ? {} : { after: query.after }),
  });
}

/**
 * A refused pay or cancel in words: a step the order can no longer take (someone else already moved
 * it) says from which state; anything else is the usual failure notice.
 */
function refusal(reason: unknown, order: Order, to: "paid" | "cancelled"): Phrase | Phrase[] {
  const issue = issuesOf(api.toApiError(reason)).find((i) => i.rule === "not_allowed");
  const from = issue?.params?.from;
  if (issue && from !== undefined && isOrderState(from)) {
    return { key: "orders.notAllowedToast", params: { number: order.number }, named: { from: stateKey(from), action: `orders.action.${to}` } };
  }
  return errorPhrases(reason);
}

/** The order's state; `copy` marks the second one shown under the amount on a cramped window. */
function StateTag({ state, copy = false }: { state: OrderState; copy?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge state-tag state-${state}`} data-testid={copy ? undefined : "order-state"}>
      {t(stateKey(state))}
    </span>
  );
}

/** How long a paid order has left before it is due to ship, or how late it is. */
function DueNote({ order, copy = false }: { order: Order; copy?: boolean }) {
  const { t } = useI18n();
  const due = dueIn(order, Date.now());
  if (due === null) return null;
  return (
    <div className={`cell-sub order-due${due.late ? " order-due-late" : ""}`} data-testid={copy ? undefined : "order-due"}>
      {due.late ? t("orders.dueLate", { hours: due.hours }) : t("orders.dueIn", { hours: due.hours })}
    </div>
  );
}

export function OrdersScreen({ openImport = false, initialFilters }: { openImport?: boolean; initialFilters?: Partial<OrderFilters> }) {
  const { t, language } = useI18n();
  const toast = useToast();
  // Opened from a card of the Today screen: that card's list (e.g. paid, soonest due first).
  const [filters, setFilters] = useState<OrderFilters>(() => ({ ...NO_FILTERS, ...initialFilters }));
  const province = useDebouncedValue(filters.province.trim(), SEARCH_DEBOUNCE_MS);
  const { state, source, product, from, to, sort } = filters;
  // The province is typed: the list follows it a pause after the last keystroke, like the search.
  const applied = useMemo<OrderFilters>(() => ({ state, source, product, province, from, to, sort }), [state, source, product, province, from, to, sort]);
  const goods = useProductsOfKind("goods");
  const [tool, setTool] = useState<"rules" | "ranges" | "import" | "shipments" | null>(openImport ? "import" : null);
  const list = useCallback((query: ListQuery) => listOrders(query, applied), [applied]);
  const screen = usePagedScreen({ prefix: "orders", list, filter: JSON.stringify(applied) });
  const [busy, setBusy] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<Order | null>(null);
  const [detail, setDetail] = useState<Order | null>(null);
  // The ticked orders, kept across pages and filters (as they were when ticked or last changed here).
  const [selected, setSelected] = useState<ReadonlyMap<string, Order>>(() => new Map());
  const [batch, setBatch] = useState<"pick" | "labels" | "assign" | null>(null);
  const [startPacking, setStartPacking] = useState(false);
  const [scan, setScan] = useState("");
  const [scanProblem, setScanProblem] = useState<string | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  useEffect(() => scanRef.current?.focus(), []);
  const { reload } = screen.list;
  const pageItems = screen.list.items;
  const allOnPage = pageItems.length > 0 && pageItems.every((o) => selected.has(o.id));

  function select(order: Order, on: boolean) {
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(order.id, order);
      else next.delete(order.id);
      return next;
    });
  }

  function selectPage(on: boolean) {
    setSelected((prev) => {
      const next = new Map(prev);
      for (const order of pageItems) {
        if (on) next.set(order.id, order);
        else next.delete(order.id);
      }
      return next;
    });
  }

  /** An order changed in its dialog: the list shows it anew, and a ticked one is kept as it now is. */
  const onOrderChanged = useCallback(
    (order: Order) => {
      reload();
      setSelected((prev) => (prev.has(order.id) ? new Map(prev).set(order.id, order) : prev));
    },
    [reload],
  );

  // Source, product, province, dates and order fold under 更多筛选 so that the list starts high on a
  // small screen; they open by themselves when one of them is set (from a report's link).
  const moreCount = [filters.source !== "", filters.product !== "", filters.province.trim() !== "", filters.from !== "" || filters.to !== "", filters.sort !== "newest"].filter(Boolean).length;
  const [moreOpen, setMoreOpen] = useState(() => moreCount > 0);
  const set = <K extends keyof OrderFilters>(name: K) => (value: OrderFilters[K]) => setFilters((prev) => ({ ...prev, [name]: value }));
  const filtered =
    filters.state !== "" || filters.source !== "" || filters.product !== "" || filters.province.trim() !== "" || filters.from !== "" || filters.to !== "";
  // A product no longer listed (archived since it was chosen) stays selectable until the filter changes.
  const productOptions = [
    { value: "", label: t("orders.all") },
    ...(goods.products ?? []).map((p) => productOption(p, language, t)),
    ...(filters.product !== "" && goods.products !== null && !goods.products.some((p) => p.id === filters.product)
      ? [{ value: filters.product, label: t("orders.productGone") }]
      : []),
  ];

  /** A code scanned or typed into scan-to-pack: the order it names opens at its pack step. */
  async function onScanKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const code = scan.trim();
    if (code === "") return;
    setScan("");
    setScanProblem(null);
    try {
      const found = await api.findOrderByCode(code);
      if (!canPack(found.state)) setScanProblem(t("scanPack.notToPack", { number: found.number, state: t(stateKey(found.state)) }));
      setStartPacking(true);
      setDetail(found);
    } catch (reason) {
      const unknown = issuesOf(api.toApiError(reason)).some((i) => i.rule === "unknown_record");
      setScanProblem(unknown ? t("scanPack.unknown", { code }) : say(t, errorPhrases(reason)));
    }
  }

  function openDetail(order: Order) {
    setStartPacking(false);
    setDetail(order);
  }

  function closeDetail() {
    setDetail(null);
    // Ready for the next parcel's label.
    window.setTimeout(() => scanRef.current?.focus(), 0);
  }

  /** Waybills given: the ticked orders carry them now, so their labels can print. */
  function onAssigned(result: AssignedWaybills) {
    reload();
    setSelected((prev) => {
      const next = new Map(prev);
      for (const a of result.orders) {
        const order = next.get(a.orderId);
        if (order) next.set(a.orderId, { ...order, courier: a.courier, waybill: a.waybill });
      }
      return next;
    });
  }

  async function pay(order: Order) {
    setBusy(order.id);
    try {
      const paid = await api.markOrderPaid(order.id);
      toast.show({ message: phrase("orders.paidToast", { number: paid.number }) });
    } catch (reason) {
      toast.show({ message: refusal(reason, order, "paid"), error: true });
    } finally {
      setBusy(null);
      reload();
    }
  }

  return (
    <>
      <PagedListView
        screen={screen}
        row="order"
        addLabel={t("orders.add")}
        onRowClick={openDetail}
        toolbar={
          <>
          <div className="order-scan">
            <label className="field-label" htmlFor="scan-to-pack">
              {t("scanPack.label")}
            </label>
            <input
              id="scan-to-pack"
              ref={scanRef}
              type="text"
              data-testid="scan-to-pack"
              value={scan}
              placeholder={t("scanPack.placeholder")}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setScan(e.target.value)}
              onKeyDown={(e) => void onScanKey(e)}
            />
            {scanProblem ? (
              <span className="field-error" data-testid="scan-to-pack-error" role="alert">
                {scanProblem}
              </span>
            ) : null}
          </div>
          <div className="order-batch" role="group" aria-label={t("orders.batchLabel")}>
            <span className="order-batch-count" data-testid="orders-selected">
              {t("orders.selectedCount", { count: selected.size })}
            </span>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-pick-list" disabled={selected.size === 0} onClick={() => setBatch("pick")}>
              {t("orders.pickList")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-assign-waybills" disabled={selected.size === 0} onClick={() => setBatch("assign")}>
              {t("orders.assignWaybills")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-print-labels" disabled={selected.size === 0} onClick={() => setBatch("labels")}>
              {t("orders.printLabels")}
            </button>
            {selected.size > 0 ? (
              <button type="button" className="btn btn-small btn-quiet" data-testid="orders-select-clear" onClick={() => setSelected(new Map())}>
                {t("orders.selectClear")}
              </button>
            ) : null}
          </div>
          <div className="order-tools" role="group" aria-label={t("orders.toolsLabel")}>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-import" onClick={() => setTool("import")}>
              {t("orders.import")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-shipments" onClick={() => setTool("shipments")}>
              {t("orders.shipmentsFile")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-packaging-rules" onClick={() => setTool("rules")}>
              {t("orders.packagingRules")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" data-testid="orders-waybill-ranges" onClick={() => setTool("ranges")}>
              {t("orders.waybillRanges")}
            </button>
          </div>
          <div className="order-filters">
            <ToolbarSelect
              testId="orders-state"
              label={t("orders.stateFilter")}
              value={filters.state}
              onChange={(value) => set("state")(isOrderState(value) || value === "sold" ? value : "")}
              options={[
                { value: "", label: t("orders.all") },
                { value: "sold", label: t("orders.sold") },
                ...ORDER_STATES.map((s) => ({ value: s, label: t(stateKey(s)) })),
              ]}
            />
            <button
              type="button"
              className="btn btn-small btn-secondary"
              data-testid="orders-more-filters"
              aria-expanded={moreOpen}
              aria-controls="orders-more"
              onClick={() => setMoreOpen((open) => !open)}
            >
              {moreCount > 0 ? t("orders.moreFiltersSet", { count: moreCount }) : t("orders.moreFilters")}
              <span aria-hidden="true">{moreOpen ? "▴" : "▾"}</span>
            </button>
            {filtered ? (
              <button type="button" className="btn btn-small btn-quiet" data-testid="orders-clear-filters" onClick={() => setFilters((prev) => ({ ...NO_FILTERS, sort: prev.sort }))}>
                {t("orders.clearFilters")}
              </button>
            ) : null}
          </div>
          {moreOpen ? (
            <div className="order-filters order-filters-more" id="orders-more" data-testid="orders-more">
              <ToolbarSelect
                testId="orders-source"
                label={t("orders.sourceFilter")}
                value={filters.source}
                onChange={(value) => set("source")(isOrderSource(value) ? value : "")}
                options={[{ value: "", label: t("orders.all") }, ...ORDER_SOURCES.map((s) => ({ value: s, label: t(sourceKey(s)) }))]}
              />
              <div className="toolbar-select">
                <label htmlFor="orders-product">{t("orders.productFilter")}</label>
                <Combobox id="orders-product" value={filters.product} onChange={set("product")} options={productOptions} listLabel={t("orders.productFilter")} />
              </div>
              <label className="toolbar-select toolbar-text">
                <span>{t("orders.provinceFilter")}</span>
                <input
                  type="text"
                  data-testid="orders-province"
                  value={filters.province}
                  placeholder={t("orders.provincePlaceholder")}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => set("province")(e.target.value)}
                />
              </label>
              <div className="toolbar-select toolbar-dates" role="group" aria-label={t("orders.dateFrom")}>
                <span aria-hidden="true">{t("orders.dateFrom")}</span>
                <DateField data-testid="orders-from" aria-label={t("orders.dateFromLabel")} value={filters.from} onChange={set("from")} />
                <span aria-hidden="true">{t("orders.dateTo")}</span>
                <DateField data-testid="orders-to" aria-label={t("orders.dateToLabel")} value={filters.to} onChange={set("to")} />
              </div>
              <ToolbarSelect
                testId="orders-sort"
                label={t("orders.sortLabel")}
                value={filters.sort}
                onChange={(value) => set("sort")(SORTS.find((s) => s === value) ?? "newest")}
                options={SORTS.map((s) => ({ value: s, label: t(`orders.sort.${s}`) }))}
              />
            </div>
          ) : null}
          </>
        }
        empty={
          filtered ? (
            <>
              <span className="empty-title">{screen.term ? t("orders.emptySearch", { search: screen.term }) : t("orders.emptyFiltered")}</span>
              <button type="button" className="btn btn-secondary empty-action" onClick={() => setFilters((prev) => ({ ...NO_FILTERS, sort: prev.sort }))}>
                {t("orders.clearFilters")}
              </button>
            </>
          ) : screen.term ? (
            t("orders.emptySearch", { search: screen.term })
          ) : (
            <>
              <span className="empty-title">{t("orders.empty")}</span>
              <button type="button" className="btn btn-primary empty-action" data-testid="orders-empty-add" onClick={() => screen.openForm(null)}>
                <span aria-hidden="true" className="btn-plus">
                  +
                </span>
                {t("orders.add")}
              </button>
            </>
          )
        }
        rowAttributes={(order) => ({ className: `order-row-${order.state} row-clickable${selected.has(order.id) ? " row-selected" : ""}`, "data-state": order.state })}
        columns={
          <>
            <th className="col-select">
              <input
                type="checkbox"
                data-testid="orders-select-all"
                aria-label={t("orders.selectPage")}
                title={t("orders.selectPage")}
                checked={allOnPage}
                onChange={(e) => selectPage(e.target.checked)}
              />
            </th>
            <th>{t("orders.colOrder")}</th>
            <th className="col-optional">{t("orders.colRecipient")}</th>
            <th>{t("orders.colItems")}</th>
            <th className="col-num">{t("orders.colTotal")}</th>
            <th className="col-optional">{t("orders.colState")}</th>
          </>
        }
        cells={(order) => {
          const r = order.recipient;
          // 北京市 北京市 once.
          const place = [r.province, r.city].filter((p, i, all) => p !== "" && all.indexOf(p) === i).join(" ");
          return (
            <>
              <td className="col-select">
                <input
                  type="checkbox"
                  data-testid="order-select"
                  aria-label={t("orders.selectOrder", { number: order.number })}
                  checked={selected.has(order.id)}
                  onChange={(e) => select(order, e.target.checked)}
                />
              </td>
              <td className="cell-order">
                <div className="cell-strong cell-nowrap" data-testid="order-number">
                  {order.number}
                </div>
                <div className="cell-sub cell-nowrap">
                  {order.orderedOn} · {t(sourceKey(order.source))}
                </div>
                {order.platformOrderId ? <div className="cell-sub order-platform-id">{t("orders.platformId", { id: order.platformOrderId })}</div> : null}
                {/* On a cramped window the recipient column gives way and who it goes to shows here. */}
                <div className="cramped-only order-recipient-stacked">
                  <span className="cell-strong">{r.name}</span> <span className="cell-sub">{place}</span>
                </div>
              </td>
              <td className="cell-recipient col-optional">
                <div>
                  <span className="cell-strong">{r.name}</span> <span className="cell-nowrap order-phone">{r.phone}</span>
                  {order.masked ? <span className="badge order-masked">{t("orders.masked")}</span> : null}
                </div>
                <div className="cell-sub">{place}</div>
              </td>
              <td className="cell-items">
                <div data-testid="order-items">{itemsSummary(order.lines, language)}</div>
                {order.buyerNote ? <div className="cell-sub order-note">{t("orders.buyerNote", { note: order.buyerNote })}</div> : null}
              </td>
              <td className="col-num cell-nowrap">
                <div className="cell-strong">{formatMoney(order.total)}</div>
                {isZeroAmount(order.shippingFee) ? null : <div className="cell-sub">{t("orders.shippingIncluded", { fee: formatMoney(order.shippingFee) })}</div>}
                {/* On a cramped window the state column gives way and the state shows here. */}
                <div className="cramped-only">
                  <StateTag state={order.state} copy />
                  <DueNote order={order} copy />
                </div>
              </td>
              <td className="cell-nowrap col-optional">
                <StateTag state={order.state} />
                <DueNote order={order} />
              </td>
            </>
          );
        }}
        actions={(order) => (
          <>
            <button type="button" className="btn btn-small btn-secondary" data-testid="order-open" onClick={() => openDetail(order)}>
              {t("orders.open")}
            </button>
            {canPay(order.state) ? (
              <button type="button" className="btn btn-small btn-secondary" data-testid="order-pay" disabled={busy === order.id} onClick={() => void pay(order)}>
                {t("orders.pay")}
              </button>
            ) : null}
            {canCancel(order.state) ? (
              <button type="button" className="btn btn-small btn-quiet" data-testid="order-cancel" disabled={busy === order.id} onClick={() => setCancelling(order)}>
                {t("orders.cancel")}
              </button>
            ) : null}
          </>
        )}
        form={() => (
          <OrderForm
            onCancel={screen.closeForm}
            onSaved={(saved) => screen.saved(phrase("orders.savedToast", { number: saved.number, total: formatMoney(saved.total) }))}
          />
        )}
      />
      {detail ? <OrderDetail key={detail.id} order={detail} startPacking={startPacking} onClose={closeDetail} onChanged={onOrderChanged} /> : null}
      {batch === "assign" ? <AssignWaybillsDialog orders={[...selected.values()]} onClose={() => setBatch(null)} onAssigned={onAssigned} /> : null}
      {tool === "rules" ? <PackagingRulesDialog onClose={() => setTool(null)} /> : null}
      {tool === "ranges" ? <WaybillRangesDialog onClose={() => setTool(null)} /> : null}
      {tool === "import" ? <ImportOrdersDialog onClose={() => setTool(null)} onImported={reload} /> : null}
      {tool === "shipments" ? <ShipmentsExportDialog onClose={() => setTool(null)} /> : null}
      {batch === "pick" ? <PickListDialog orders={[...selected.values()]} onClose={() => setBatch(null)} /> : null}
      {batch === "labels" ? <LabelsDialog orders={[...selected.values()]} onClose={() => setBatch(null)} /> : null}
      {cancelling ? (
        <CancelOrder
          order={cancelling}
          onClose={() => setCancelling(null)}
          onDone={(message, error) => {
            setCancelling(null);
            reload();
            toast.show({ message, error });
          }}
        />
      ) : null}
    </>
  );
}

function isZeroAmount(amount: string): boolean {
  const d = parseDecimal(amount);
  return d === null || isZero(d);
}

function CancelActions({ working }: { working: boolean }) {
  const { t } = useI18n();
  const close = useModalClose();
  return (
    <div className="form-actions">
      <button type="button" className="btn btn-secondary" data-testid="confirm-cancel-no" onClick={close}>
        {t("cancel.no")}
      </button>
      <button type="submit" className="btn btn-danger" data-testid="confirm-cancel-yes" disabled={working}>
        {working ? t("cancel.working") : t("cancel.yes")}
      </button>
    </div>
  );
}

/**
 * "Cancel order …?": says what cancelling does (reserved goods go back to stock; nothing to give back
 * for an unpaid order), takes an optional reason, and cancels. A step the order can no longer take
 * closes the dialog with a notice; any other failure stays in it to try again.
 */
function CancelOrder({ order, onClose, onDone }: { order: Order; onClose: () => void; onDone: (message: Phrase | Phrase[], error?: boolean) => void }) {
  const { t, language } = useI18n();
  const [note, setNote] = useState("");
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (working) return;
    setWorking(true);
    try {
      const cancelled = await api.cancelOrder(order.id, note);
      onDone(phrase("orders.cancelledToast", { number: cancelled.number }));
    } catch (reason) {
      setWorking(false);
      const err = api.toApiError(reason);
      if (issuesOf(err).some((i) => i.rule === "not_allowed")) onDone(refusal(reason, order, "cancelled"), true);
      else setProblem(problemOf(reason));
    }
  }

  return (
    <Modal title={t("cancel.title", { number: order.number })} dirty={false} onClose={onClose}>
      <form data-testid="confirm-cancel" className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form-lead">
          {t("cancel.lead", { name: order.recipient.name, items: itemsSummary(order.lines, language), total: formatMoney(order.total) })}
        </p>
        <div className="reversal-explain">
          <div className="cell-strong">{t("cancel.what")}</div>
          <ul>
            <li data-testid="cancel-stock">{holdsStock(order.state) ? t("cancel.reserved") : t("cancel.unpaid")}</li>
            {holdsStock(order.state) ? <li>{t("cancel.refund")}</li> : null}
            <li>{t("cancel.kept")}</li>
          </ul>
        </div>
        <div className="form-grid">
          <TextField
            form="cancel"
            name="note"
            className="field-wide"
            label={t("cancel.note")}
            placeholder={t("cancel.notePlaceholder")}
            value={note}
            onChange={setNote}
          />
        </div>
        <FormError problem={problem} />
        <CancelActions working={working} />
      </form>
    </Modal>
  );
}
