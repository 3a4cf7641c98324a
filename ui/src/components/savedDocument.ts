// What a person sees after a spreadsheet or document is saved or printed: a notice that names the
// file, with buttons to open it (打开), to send it to the printer (打印 / 再打印, when there is one)
// and to open its folder (打开文件夹), instead of a long path that is gone in three seconds. A
// failure says what happened and what to do, with the file's place: no viewer, no print service,
// the printer off. Every place that saves or prints a document ends here.
import * as api from "../api";
import type { PrintSetup, SavedDocument } from "../bindings";
import { errorPhrases, issuesOf } from "../formErrors";
import { phrase, type Phrase } from "../i18n";
import { useState } from "react";
import { useToast } from "./Toast";

type Toasts = ReturnType<typeof useToast>;
type Action = { label: Phrase; testId: string; run: () => void };

/** The file's name without its folders ("销售-按月-….xlsx"). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** The rules Rust answers opening or printing a saved document with, each saying what to do. */
const DOCUMENT_RULES = ["no_viewer", "no_cups", "no_printer", "printer_offline"] as const;
export type DocumentRule = (typeof DOCUMENT_RULES)[number];

function isDocumentRule(rule: string | null): rule is DocumentRule {
  return (DOCUMENT_RULES as readonly (string | null)[]).includes(rule);
}

/** The message for one of the document rules, naming where the file is (and the printer). */
export function documentRulePhrase(rule: DocumentRule, path: string, printer = ""): Phrase {
  switch (rule) {
    case "no_viewer":
      return phrase(/\.pdf$/i.test(path) ? "validation.no_viewer" : "saved.noViewerFile", { path });
    case "no_cups":
      return phrase("validation.no_cups", { path });
    case "no_printer":
      return phrase("print.noPrinterAt", { path });
    case "printer_offline":
      return phrase("validation.printer_offline", { path, printer });
  }
}

/**
 * What went wrong opening or printing `doc`: the rule Rust named, translated with the file's place
 * (Rust's own when it sent one), or else `fallback` with the kind of failure and Rust's detail.
 */
export function documentProblem(reason: unknown, doc: SavedDocument, fallback: Phrase): { rule: DocumentRule | null; message: Phrase[] } {
  const issue = issuesOf(api.toApiError(reason)).find((i) => isDocumentRule(i.rule));
  if (!issue || !isDocumentRule(issue.rule)) return { rule: null, message: [fallback, ...errorPhrases(reason)] };
  return { rule: issue.rule, message: [documentRulePhrase(issue.rule, issue.params?.path ?? doc.path, issue.params?.printer ?? "")] };
}

/** Where the notices go, and the printer a document goes to (null: none on this computer). */
type Target = { toast: Toasts; doc: SavedDocument; printer: string | null };

function openAction(target: Target): Action {
  return { label: phrase("saved.open"), testId: "toast-open", run: () => void openSaved(target) };
}

function printAction(target: Target, again: boolean): Action {
  return { label: phrase(again ? "saved.printAgain" : "saved.print"), testId: "toast-print", run: () => void printSaved(target) };
}

function folderAction(target: Target): Action {
  return { label: phrase("saved.folder"), testId: "toast-folder", run: () => void showFolder(target) };
}

/** 打开 / 打印 (or 再打印) / 打开文件夹, as far as they make sense. */
function actions(target: Target, { open = true, print = true, again = false } = {}): Action[] {
  const out = open ? [openAction(target)] : [];
  if (print && target.printer !== null) out.push(printAction(target, again));
  out.push(folderAction(target));
  return out;
}

/** A failure of `target`'s document, with the buttons that still help (再打印 once the printer is on). */
function showProblem(target: Target, reason: unknown, fallback: Phrase): void {
  const { rule, message } = documentProblem(reason, target.doc, fallback);
  target.toast.show({
    message,
    error: true,
    actions: actions(target, {
      open: rule !== "no_viewer",
      print: rule === null || rule === "printer_offline",
      again: true,
    }),
  });
}

async function openSaved(target: Target): Promise<void> {
  try {
    await api.openDocument(target.doc.path);
  } catch (reason) {
    showProblem(target, reason, phrase("saved.openFailed", { path: target.doc.path }));
  }
}

async function showFolder(target: Target): Promise<void> {
  try {
    await api.showDocumentFolder(target.doc.path);
  } catch (reason) {
    showProblem(target, reason, phrase("saved.openFailed", { path: target.doc.path }));
  }
}

/** Sends the document to `target.printer` ("" = the default one) and says what happened. */
export async function printSaved(target: Target): Promise<void> {
  try {
    const job = await api.printDocument(target.doc.path, target.printer ?? "");
    const sent = { ...target, printer: job.printer };
    target.toast.show({ message: phrase("print.sent", { printer: job.printer, job: job.job }), actions: actions(sent, { again: true }) });
  } catch (reason) {
    showProblem(target, reason, phrase("print.failed"));
  }
}

/** The printer a document goes to without asking: the default one, else the first; null with none. */
export function defaultPrinter(setup: PrintSetup | null): string | null {
  const printers = setup?.printers ?? [];
  return (printers.find((p) => p.isDefault) ?? printers[0])?.name ?? null;
}

/**
 * Says the document is saved, with 打开 / 打印 (when `printer` is given: a printer to send it to) /
 * 打开文件夹. `message` replaces "exported" for documents made to be printed.
 */
export function showSaved(toast: Toasts, doc: SavedDocument, options: { printer?: string | null; message?: Phrase } = {}): void {
  const target = { toast, doc, printer: options.printer ?? null };
  toast.show({ message: options.message ?? phrase("saved.exported", { name: fileName(doc.path) }), actions: actions(target) });
}

/** Says a document made to be printed is saved, offering this computer's default printer when it has one. */
export async function announcePrintable(toast: Toasts, doc: SavedDocument): Promise<void> {
  const setup = await api.printSetup().catch(() => null);
  showSaved(toast, doc, { printer: defaultPrinter(setup), message: phrase("saved.document", { name: fileName(doc.path) }) });
}

/** Opens `doc` in the viewer; a failure is the same notice as the toast's 打开 gives. */
export function openWithNotice(toast: Toasts, doc: SavedDocument, printer: string | null): Promise<void> {
  return openSaved({ toast, doc, printer });
}

/**
 * An export button's work: `exporting` while `make` runs, then the saved notice (or the failure,
 * with Rust's reason). One for every report tab that exports.
 */
export function useExport(make: () => Promise<SavedDocument>): { exporting: boolean; run: () => void } {
  const toast = useToast();
  const [exporting, setExporting] = useState(false);
  async function go() {
    setExporting(true);
    try {
      showSaved(toast, await make());
    } catch (reason) {
      toast.show({ message: [phrase("sales.exportFailed"), ...errorPhrases(reason)], error: true });
    } finally {
      setExporting(false);
    }
  }
  return { exporting, run: () => void go() };
}
