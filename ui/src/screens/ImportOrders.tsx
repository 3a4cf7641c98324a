// Orders from the platforms' export files (导入订单): choose or drop the files the seller centre
// exported (the Taobao pair at once), see what the import would do — new orders, orders whose
// state changed, unchanged ones, rows that cannot be taken with their row and column, lines no
// product is named for — say once which product an unnamed line sells, then import in one go with
// progress. Nothing is written before the person presses 导入. Also the bulk-shipping file back
// to a platform (ShipmentsExport).
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import * as api from "../api";
import type { HeldImportDto, ImportFile, ImportMappingInput, ImportOptions, ImportReport, ImportRow, OrderLineInput, OrderSource, Product, ShipmentExport } from "../bindings";
import { Combobox } from "../components/Combobox";
import { FormError } from "../components/Field";
import { Modal } from "../components/Modal";
import { openWithNotice } from "../components/savedDocument";
import { useToast } from "../components/Toast";
import { problemOf, type FormProblem } from "../formErrors";
import { countUnitLabel } from "../format";
import { isMessageKey, type MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { isOrderSource, isOrderState, sourceKey, stateKey } from "./orderText";
import { productOption } from "./pickerOptions";
import { useProductsOfKind } from "./useProducts";

/** The words for an import outcome the Rust side sends (the code itself when unknown). */
function outcomeWord(t: (key: MessageKey) => string, outcome: string): string {
  const key = `import.outcome.${outcome}`;
  return isMessageKey(key) ? t(key) : outcome;
}

const PLATFORMS = ["taobao", "pinduoduo", "douyin"] as const satisfies readonly OrderSource[];
type Platform = (typeof PLATFORMS)[number];

/** The demo shop's export files, by what a person would try: one platform's files at a time. */
const DEMO_SETS = {
  taobao: (name: string) => name.startsWith("taobao/") && name.endsWith(".csv"),
  taobaoXlsx: (name: string) => name.startsWith("taobao/") && name.endsWith(".xlsx"),
  pinduoduo: (name: string) => name.startsWith("pinduoduo/"),
  douyin: (name: string) => name.startsWith("douyin/"),
} as const;
type DemoSet = keyof typeof DEMO_SETS;
const DEMO_SET_NAMES: readonly DemoSet[] = ["taobao", "taobaoXlsx", "pinduoduo", "douyin"];

/** A browser File as the Rust side takes it: its name and its bytes in base64. */
export async function fileForImport(file: File): Promise<ImportFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return { name: file.name, data: btoa(binary) };
}

/** What the owner should know about one order of the file, in the window's language. */
function RowNote({ row }: { row: ImportRow }) {
  const { t } = useI18n();
  const notes: string[] = [];
  const alertKey = `import.alert.${row.alert}`;
  if (row.alert && isMessageKey(alertKey)) notes.push(t(alertKey));
  if (row.totalHere) notes.push(t("import.difference", { file: row.total, here: row.totalHere }));
  if (row.waitsFor === "split") notes.push(t("import.waitsSplit"));
  else if (row.waitsFor === "mapping") notes.push(t("import.waitsMappingRow"));
  // A refusal's reason is the rule the order breaks, as the Rust side words it.
  if (row.outcome === "refused") notes.push(row.note);
  if (notes.length === 0) return null;
  return <div className="import-note">{notes.join("；")}</div>;
}

function Counts({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const items: [string, number][] = [
    ["new", report.new],
    ["changed", report.changed],
    ["unchanged", report.unchanged],
    ["history", report.history],
    ["held", report.held],
    ["refused", report.refused],
    ["ignored", report.ignored],
  ];
  return (
    <ul className="import-counts" data-testid="import-counts">
      {items
        .filter(([key, n]) => n > 0 || key === "new")
        .map(([key, n]) => (
          <li key={key} className={`import-count import-count-${key}`} data-testid={`import-count-${key}`}>
            <strong>{n}</strong>
            <span>{outcomeWord(t, key)}</span>
          </li>
        ))}
    </ul>
  );
}

function MapLine({
  line,
  products,
  onSaved,
}: {
  line: { key: string; title: string; sku: string; code: string; orders: number };
  products: readonly Product[];
  onSaved: (released: number) => void;
}) {
  const { t, language } = useI18n();
  const [input, setInput] = useState<ImportMappingInput>({ key: line.key, productId: "", per: "1" });
  const pickerId = useId();
  const options = products.map((p) => productOption(p, language, t));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);
  const product = products.find((p) => p.id === input.productId);
  async function save() {
    setSaving(true);
    setProblem(null);
    try {
      const saved = await api.saveImportMapping(input);
      onSaved(saved.released);
    } catch (reason) {
      setProblem(problemOf(reason));
    } finally {
      setSaving(false);
    }
  }
  return (
    <li className="import-map" data-testid="import-unmapped">
      <div className="import-map-title">
        <strong>{line.title || line.key}</strong>
        {line.sku ? <span className="import-map-sku">{line.sku}</span> : null}
        {line.code ? <span className="import-map-code">{t("import.code", { code: line.code })}</span> : null}
        <span className="import-map-orders">{t("import.ordersWaiting", { count: line.orders })}</span>
      </div>
      <div className="import-map-form">
        <label>
          <span>{t("import.isProduct")}</span>
          <Combobox
            id={pickerId}
            testId="import-map-product"
            value={input.productId}
            listLabel={t("import.isProduct")}
            placeholder={t("import.chooseProduct")}
            options={options}
            onChange={(productId) => setInput({ ...input, productId })}
          />
        </label>
        <label>
          <span>{t("import.per")}</span>
          <input
            type="text"
            inputMode="decimal"
            data-testid="import-map-per"
            className="import-map-per"
            value={input.per}
            onChange={(e) => setInput({ ...input, per: e.target.value })}
          />
          <span>{product ? countUnitLabel(product.saleUnit, language) : ""}</span>
        </label>
        <button type="button" className="btn btn-small btn-primary" data-testid="import-map-save" disabled={saving || input.productId === ""} onClick={save}>
          {t("import.mapSave")}
        </button>
      </div>
      {problem ? <FormError problem={problem} /> : null}
    </li>
  );
}

/** A held joined order: the person says which products and how many; prices follow the products'
 * prices, scaled to what the buyer paid. */
function SplitHeld({ held, products, onDone }: { held: HeldImportDto; products: readonly Product[]; onDone: (number: string) => void }) {
  const { t, language } = useI18n();
  const [lines, setLines] = useState<OrderLineInput[]>([{ productId: "", quantity: "1", unitPrice: "", discount: "" }]);
  const pickerId = useId();
  const options = products.map((p) => productOption(p, language, t));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const set = (i: number, patch: Partial<OrderLineInput>) => setLines((prev) => prev.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  async function save() {
    setProblem(null);
    try {
      const order = await api.splitHeldImport({ source: held.source, platformOrderId: held.platformOrderId, lines });
      onDone(order.number);
    } catch (reason) {
      setProblem(problemOf(reason));
    }
  }
  return (
    <div className="import-split" data-testid="import-split">
      <p className="field-hint import-split-hint">{t("import.splitHint", { quantity: held.quantity, payment: held.payment })}</p>
      {lines.map((line, i) => (
        <div key={i} className="import-split-line">
          <Combobox
            id={`${pickerId}-${i}`}
            testId={`import-split-${i}-product`}
            value={line.productId}
            listLabel={t("import.chooseProduct")}
            placeholder={t("import.chooseProduct")}
            options={options}
            onChange={(productId) => set(i, { productId })}
          />
          <label className="import-split-quantity">
            <input type="text" inputMode="decimal" className="import-map-per" data-testid={`import-split-${i}-quantity`} value={line.quantity} onChange={(e) => set(i, { quantity: e.target.value })} />
            <span>{t("import.splitUnit")}</span>
          </label>
        </div>
      ))}
      <button type="button" className="btn btn-small btn-quiet" onClick={() => setLines((prev) => [...prev, { productId: "", quantity: "1", unitPrice: "", discount: "" }])}>
        {t("import.splitAdd")}
      </button>
      <button type="button" className="btn btn-small btn-primary" data-testid="import-split-save" onClick={() => void save()}>
        {t("import.splitSave")}
      </button>
      {problem ? <FormError problem={problem} /> : null}
    </div>
  );
}

/** Orders from files waiting for a mapping or a split. */
function HeldList({ products, version, onChanged }: { products: readonly Product[]; version: number; onChanged: () => void }) {
  const { t } = useI18n();
  const [held, setHeld] = useState<HeldImportDto[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.heldImports().then(
      (rows) => {
        if (current) setHeld(rows);
      },
      () => {
        if (current) setHeld([]);
      },
    );
    return () => {
      current = false;
    };
  }, [version]);
  const savedNote = saved ? (
    <p role="status" className="import-split-saved" data-testid="import-split-saved">
      {t("import.splitSaved", { number: saved })}
    </p>
  ) : null;
  if (!held || held.length === 0) return savedNote;
  return (
    <section className="import-section" data-testid="import-held">
      {savedNote}
      <h3>{t("import.heldTitle", { count: held.length })}</h3>
      <ul className="import-held-list">
        {held.map((h) => {
          const key = `${h.source}:${h.platformOrderId}`;
          return (
            <li key={key} data-testid="import-held-row">
              <div>
                <strong>{t(sourceKey(h.source))}</strong> <span className="mono">{h.platformOrderId}</span> · {h.title} · ×{h.quantity} · ¥{h.payment}
              </div>
              <div className="cell-sub">{h.waitsFor === "split" ? t("import.waitsSplit") : t("import.waitsMapping")}</div>
              {h.waitsFor === "split" ? (
                open === key ? (
                  <SplitHeld
                    held={h}
                    products={products}
                    onDone={(number) => {
                      setOpen(null);
                      setSaved(number);
                      onChanged();
                    }}
                  />
                ) : (
                  <button type="button" className="btn btn-small btn-secondary" data-testid="import-split-open" onClick={() => setOpen(key)}>
                    {t("import.splitOpen")}
                  </button>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ImportOrdersDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<ImportFile[]>([]);
  const [options, setOptions] = useState<ImportOptions>({ platform: "auto", historyBefore: "" });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState<"reading" | "importing" | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [done, setDone] = useState<ImportReport | null>(null);
  const goods = useProductsOfKind("goods");
  const chooser = useRef<HTMLInputElement>(null);
  // Bumped when held orders may have changed (an import, a mapping, a split).
  const [heldVersion, setHeldVersion] = useState(0);

  async function preview(chosen: ImportFile[], opts: ImportOptions) {
    setBusy("reading");
    setProblem(null);
    try {
      setReport(await api.previewImport(chosen, opts));
    } catch (reason) {
      setReport(null);
      setProblem(problemOf(reason));
    } finally {
      setBusy(null);
    }
  }

  async function take(list: FileList | File[]) {
    const chosen = await Promise.all(Array.from(list).map(fileForImport));
    if (chosen.length === 0) return;
    setFiles(chosen);
    setDone(null);
    await preview(chosen, options);
  }

  async function tryDemo(which: DemoSet) {
    const demo = await api.demoImportFiles();
    const chosen = demo.filter((f) => DEMO_SETS[which](f.name));
    setFiles(chosen);
    setDone(null);
    await preview(chosen, options);
  }

  useEffect(() => {
    if (!busy || busy !== "importing") return;
    let stop: (() => void) | null = null;
    void api.onImportProgress(setProgress).then((unlisten) => {
      stop = unlisten;
    });
    return () => {
      if (stop) stop();
    };
  }, [busy]);

  async function runImport() {
    setBusy("importing");
    setProgress(null);
    setProblem(null);
    try {
      const result = await api.importOrders(files, options);
      setDone(result);
      setReport(null);
      setHeldVersion((v) => v + 1);
      onImported();
    } catch (reason) {
      setProblem(problemOf(reason));
    } finally {
      setBusy(null);
    }
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) void take(e.dataTransfer.files);
  }

  const changeOptions = (next: ImportOptions) => {
    setOptions(next);
    if (files.length > 0) void preview(files, next);
  };

  const toImport = report ? report.new + report.changed + report.history : 0;

  return (
    <Modal title={t("import.title")} dirty={false} onClose={onClose} wide>
      <div className="import-dialog" data-testid="import-dialog">
        <div
          className={`import-drop${dragging ? " import-drop-active" : ""}`}
          data-testid="import-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{t("import.dropHint")}</p>
          <div className="import-drop-actions">
            <button type="button" className="btn btn-primary" data-testid="import-choose" onClick={() => chooser.current?.click()}>
              {t("import.choose")}
            </button>
            <span className="import-demo" role="group" aria-label={t("import.tryDemo")}>
              <span>{t("import.tryDemo")}</span>
              {DEMO_SET_NAMES.map((which) => (
                <button key={which} type="button" className="btn btn-small btn-quiet" data-testid={`import-demo-${which}`} onClick={() => void tryDemo(which)}>
                  {t(`import.demo.${which}`)}
                </button>
              ))}
            </span>
          </div>
          <input
            ref={chooser}
            type="file"
            multiple
            accept=".csv,.xlsx,.xls,text/csv"
            data-testid="import-file"
            className="sr-only"
            onChange={(e) => {
              if (e.target.files) void take(e.target.files);
              e.target.value = "";
            }}
          />
          {files.length > 0 ? (
            <p className="import-files" data-testid="import-files">
              {files.map((f) => f.name).join("，")}
            </p>
          ) : null}
        </div>
        <div className="import-options">
          <label>
            <span>{t("import.platform")}</span>
            <select data-testid="import-platform" value={options.platform} onChange={(e) => changeOptions({ ...options, platform: e.target.value })}>
              <option value="auto">{t("import.platformAuto")}</option>
              {PLATFORMS.map((p: Platform) => (
                <option key={p} value={p}>
                  {t(sourceKey(p))}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t("import.historyBefore")}</span>
            <input
              type="text"
              placeholder="YYYY-MM-DD"
              data-testid="import-history-before"
              value={options.historyBefore}
              onChange={(e) => setOptions({ ...options, historyBefore: e.target.value })}
              onBlur={() => changeOptions(options)}
            />
          </label>
          <p className="field-hint">{t("import.historyHint")}</p>
        </div>
        {busy === "reading" ? <p className="import-busy">{t("import.reading")}</p> : null}
        {busy === "importing" ? (
          <p className="import-busy" data-testid="import-progress">
            {progress ? t("import.progress", { done: progress.done, total: progress.total }) : t("import.importing")}
          </p>
        ) : null}
        {problem ? <FormError problem={problem} /> : null}
        {done ? (
          <div className="import-done" role="status" data-testid="import-done">
            <p>{t("import.doneSummary", { new: done.new, changed: done.changed, history: done.history, held: done.held })}</p>
            <Counts report={done} />
          </div>
        ) : null}
        {report ? (
          <div className="import-preview" data-testid="import-preview">
            <p className="import-platform">
              {t("import.recognised", { platform: isOrderSource(report.platform) ? t(sourceKey(report.platform)) : report.platform, orders: report.orders })}
            </p>
            <Counts report={report} />
            {report.unmapped.length > 0 ? (
              <section className="import-section">
                <h3>{t("import.unmappedTitle")}</h3>
                <p className="field-hint">{t("import.unmappedHint")}</p>
                <ul className="import-map-list">
                  {report.unmapped.map((line) => (
                    <MapLine
                      key={line.key}
                      line={line}
                      products={goods.products ?? []}
                      onSaved={() => {
                        setHeldVersion((v) => v + 1);
                        onImported();
                        void preview(files, options);
                      }}
                    />
                  ))}
                </ul>
              </section>
            ) : null}
            {report.problems.length > 0 ? (
              <section className="import-section">
                <h3>{t("import.problemsTitle", { count: report.problems.length })}</h3>
                <ul className="import-problems" data-testid="import-problems">
                  {report.problems.slice(0, 50).map((p, i) => (
                    <li key={i}>{t("import.problem", { file: p.file, row: p.row, column: p.column, detail: p.detail })}</li>
                  ))}
                </ul>
              </section>
            ) : null}
            <section className="import-section">
              <h3>{t("import.ordersTitle")}</h3>
              <div className="table-scroll import-rows">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th>{t("import.col.id")}</th>
                      <th>{t("import.col.outcome")}</th>
                      <th>{t("import.col.status")}</th>
                      <th className="cell-nowrap">{t("import.col.recipient")}</th>
                      <th>{t("import.col.lines")}</th>
                      <th className="num">{t("import.col.total")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rows.map((row) => (
                      <tr key={row.platformOrderId} data-testid="import-row" className={`import-row-${row.outcome}`}>
                        <td className="mono cell-nowrap">{row.platformOrderId}</td>
                        <td>
                          {outcomeWord(t, row.outcome)}
                          {row.to && isOrderState(row.to) && row.outcome !== "unchanged" ? <span className="import-to">（{t(stateKey(row.to))}）</span> : null}
                          <RowNote row={row} />
                        </td>
                        <td className="import-status">{row.statusText}</td>
                        <td className="import-recipient">
                          {row.recipient}
                          {row.masked ? <span className="badge import-masked">{t("import.masked")}</span> : null}
                        </td>
                        <td>{row.lines}</td>
                        <td className="num">¥{row.total}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        ) : null}
        <HeldList
          products={goods.products ?? []}
          version={heldVersion}
          onChanged={() => {
            setHeldVersion((v) => v + 1);
            onImported();
          }}
        />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="import-close" onClick={onClose}>
            {done ? t("import.close") : t("common.cancel")}
          </button>
          {report ? (
            <button type="button" className="btn btn-primary" data-testid="import-run" disabled={busy !== null || toImport === 0} onClick={() => void runImport()}>
              {t("import.run", { count: toImport })}
            </button>
          ) : null}
        </div>
      </div>
    </Modal>
  );
}

export function ShipmentsExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const [platform, setPlatform] = useState<Platform>("taobao");
  const [format, setFormat] = useState<"csv" | "xlsx">("csv");
  const [result, setResult] = useState<ShipmentExport | null>(null);
  const toast = useToast();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await api.exportShipments({ platform, format }));
    } catch (reason) {
      setResult(null);
      setProblem(problemOf(reason));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal title={t("shipments.title")} dirty={false} onClose={onClose}>
      <div className="shipments-dialog" data-testid="shipments-dialog">
        <p className="field-hint">{t("shipments.hint")}</p>
        <label className="field">
          <span className="field-label">{t("import.platform")}</span>
          <select data-testid="shipments-platform" value={platform} onChange={(e) => setPlatform(PLATFORMS.find((p) => p === e.target.value) ?? "taobao")}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(sourceKey(p))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t("shipments.format")}</span>
          <select data-testid="shipments-format" value={format} onChange={(e) => setFormat(e.target.value === "xlsx" ? "xlsx" : "csv")}>
            <option value="csv">CSV</option>
            <option value="xlsx">Excel (XLSX)</option>
          </select>
        </label>
        {problem ? <FormError problem={problem} /> : null}
        {result ? (
          <div role="status" className="shipments-result" data-testid="shipments-result">
            <p>{t("shipments.done", { count: result.orders })}</p>
            <p className="mono" data-testid="shipments-path">
              {result.path}
            </p>
            <button type="button" className="btn btn-secondary" onClick={() => void openWithNotice(toast, { path: result.path, bytes: 0 }, null)}>
              {t("shipments.open")}
            </button>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t("import.close")}
          </button>
          <button type="button" className="btn btn-primary" data-testid="shipments-run" disabled={busy} onClick={() => void run()}>
            {t("shipments.run")}
          </button>
        </div>
      </div>
    </Modal>
  );
}
