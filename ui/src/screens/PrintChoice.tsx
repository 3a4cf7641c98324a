// What to do with a document Farmstall just saved (labels, packing slips, a pick list, payslips): open
// it in the system's viewer (`print-open`), open its folder (`print-folder`), or, when CUPS knows a
// printer, send it there (`print-printer`, `print-send`). The saved notice (toast) comes up as well,
// with the same choices where the person is looking. What this computer lacks (no print service, no
// printer, no viewer) is said at once with the file's place (`print-setup-problem`), so printing never
// seems to do nothing; a failure to print or open says what happened and what to do.
import { useEffect, useRef, useState } from "react";
import * as api from "../api";
import type { PrintSetup, SavedDocument } from "../bindings";
import { defaultPrinter, documentProblem, documentRulePhrase, fileName, showSaved, type DocumentRule } from "../components/savedDocument";
import { useToast } from "../components/Toast";
import { phrase, say, type Phrase } from "../i18n";
import { useI18n } from "../i18nContext";

/** What this computer offers for printing, asked once per document shown; null until it answers. */
function usePrintSetup(): PrintSetup | null {
  const [setup, setSetup] = useState<PrintSetup | null>(null);
  useEffect(() => {
    let current = true;
    api.printSetup().then(
      (answer) => {
        if (current) setSetup(answer);
      },
      // Not known: offer opening, and let a try at printing say what is wrong.
      () => {
        if (current) setSetup({ printers: [], cannotPrint: null, viewer: true });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return setup;
}

const NO_PRINTING: readonly (DocumentRule | null)[] = ["no_cups", "no_printer"];

type Outcome = { kind: "sent"; printer: string; job: string } | { kind: "failed"; rule: DocumentRule | null; message: Phrase[] };

export function PrintChoice({ doc, title }: { doc: SavedDocument; title: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const setup = usePrintSetup();
  const [printer, setPrinter] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const refused = outcome?.kind === "failed" && NO_PRINTING.includes(outcome.rule);
  const available = refused ? [] : (setup?.printers ?? []);
  const chosen = printer ?? defaultPrinter(setup) ?? "";

  // The saved notice, once this computer's printers are known (打印 goes to the default one).
  const announced = useRef(false);
  useEffect(() => {
    if (setup === null || announced.current) return;
    announced.current = true;
    showSaved(toast, doc, { printer: defaultPrinter(setup), message: phrase("saved.document", { name: fileName(doc.path) }) });
  }, [setup, toast, doc]);

  const lacking: Phrase[] = [];
  if (setup?.cannotPrint === "no_cups" || setup?.cannotPrint === "no_printer") lacking.push(documentRulePhrase(setup.cannotPrint, doc.path));
  if (setup && !setup.viewer) lacking.push(documentRulePhrase("no_viewer", doc.path));

  async function attempt(work: () => Promise<Outcome | null>, fallback: Phrase) {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await work());
    } catch (reason) {
      setOutcome({ kind: "failed", ...documentProblem(reason, doc, fallback) });
    } finally {
      setBusy(false);
    }
  }
  const open = () => attempt(async () => (await api.openDocument(doc.path), null), phrase("statement.openFailed"));
  const folder = () => attempt(async () => (await api.showDocumentFolder(doc.path), null), phrase("saved.openFailed", { path: doc.path }));
  const send = () =>
    attempt(async () => {
      const job = await api.printDocument(doc.path, chosen);
      return { kind: "sent", printer: job.printer, job: job.job };
    }, phrase("print.failed"));

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
        <button type="button" className="btn btn-secondary" data-testid="print-folder" disabled={busy} onClick={() => void folder()}>
          {t("saved.folder")}
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
              {outcome?.kind === "sent" || (outcome?.kind === "failed" && outcome.rule === "printer_offline") ? t("saved.printAgain") : t("print.send")}
            </button>
          </>
        ) : null}
      </div>
      {lacking.length > 0 && outcome === null ? (
        <div className="form-error" data-testid="print-setup-problem" role="alert">
          {lacking.map((p) => (
            <div key={p.key}>{say(t, p)}</div>
          ))}
        </div>
      ) : null}
      {outcome?.kind === "sent" ? (
        <div className="print-sent" data-testid="print-sent">
          {t("print.sent", { printer: outcome.printer, job: outcome.job })}
        </div>
      ) : outcome ? (
        <div className="form-error" data-testid="print-error" role="alert">
          {outcome.message.map((p, i) => (
            <div key={i} className={i === 0 ? undefined : "form-error-detail"}>
              {say(t, p)}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
