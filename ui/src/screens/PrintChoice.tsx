// What to do with a document Farmstall just saved (labels, packing slips, a pick list): open it in the
// system's viewer (`print-open`), or, when CUPS knows a printer, send it there (`print-printer`,
// `print-send`). A machine without CUPS (or without a printer) only offers to open it: that is also
// what a `no_printer` refusal falls back to.
import { useEffect, useState } from "react";
import * as api from "../api";
import type { Printer, SavedDocument } from "../bindings";
import { useI18n } from "../i18nContext";

/** The printers CUPS knows, asked once per document shown; none when the command fails. */
function usePrinters(): Printer[] | null {
  const [printers, setPrinters] = useState<Printer[] | null>(null);
  useEffect(() => {
    let current = true;
    api.listPrinters().then(
      (list) => {
        if (current) setPrinters(list);
      },
      () => {
        if (current) setPrinters([]);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return printers;
}

type Outcome = { kind: "sent"; printer: string; job: string } | { kind: "noPrinter" } | { kind: "failed"; message: string } | { kind: "openFailed"; message: string };

export function PrintChoice({ doc, title }: { doc: SavedDocument; title: string }) {
  const { t } = useI18n();
  const printers = usePrinters();
  const [printer, setPrinter] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const available = outcome?.kind === "noPrinter" ? [] : (printers ?? []);
  const chosen = printer ?? available.find((p) => p.isDefault)?.name ?? available[0]?.name ?? "";

  async function open() {
    setBusy(true);
    setOutcome(null);
    try {
      await api.openDocument(doc.path);
    } catch (reason) {
      setOutcome({ kind: "openFailed", message: api.toApiError(reason).message });
    } finally {
      setBusy(false);
    }
  }

  async function send() {
    setBusy(true);
    setOutcome(null);
    try {
      const job = await api.printDocument(doc.path, chosen);
      setOutcome({ kind: "sent", printer: job.printer, job: job.job });
    } catch (reason) {
      const err = api.toApiError(reason);
      const noPrinter = err.rule === "no_printer" || err.errors.some((e) => e.rule === "no_printer");
      setOutcome(noPrinter ? { kind: "noPrinter" } : { kind: "failed", message: err.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="print-choice" data-testid="print-choice" role="status">
      <div className="print-choice-text">
        <div className="cell-strong">{title}</div>
        <code className="statement-path" data-testid="print-path">
          {doc.path}
        </code>
      </div>
      <div className="print-choice-actions">
        <button type="button" className="btn btn-secondary" data-testid="print-open" disabled={busy} onClick={() => void open()}>
          {t("print.open")}
        </button>
        {available.length > 0 ? (
          <>
            <label className="toolbar-select">
              <span>{t("print.printer")}</span>
              <span className="select-wrap">
                <select data-testid="print-printer" value={chosen} onChange={(e) => setPrinter(e.target.value)}>
                  {available.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.isDefault ? t("print.defaultPrinter", { name: p.name }) : p.name}
                    </option>
                  ))}
                </select>
              </span>
            </label>
            <button type="button" className="btn btn-primary" data-testid="print-send" disabled={busy} onClick={() => void send()}>
              {t("print.send")}
            </button>
          </>
        ) : null}
      </div>
      {outcome?.kind === "sent" ? (
        <div className="print-sent" data-testid="print-sent">
          {t("print.sent", { printer: outcome.printer, job: outcome.job })}
        </div>
      ) : outcome ? (
        <div className="form-error" data-testid="print-error" role="alert">
          <div>{outcome.kind === "noPrinter" ? t("print.noPrinter") : outcome.kind === "openFailed" ? t("statement.openFailed") : t("print.failed")}</div>
          {outcome.kind === "failed" || outcome.kind === "openFailed" ? <div className="form-error-detail">{t("error.detail", { message: outcome.message })}</div> : null}
        </div>
      ) : null}
    </div>
  );
}
