// What a person sees after a spreadsheet or document is saved: a notice that names the file and
// where it went, with buttons to open it and to open its folder (a missing viewer or file manager
// says so, with the file's place), instead of a long path that is gone in three seconds.
import * as api from "../api";
import type { SavedDocument } from "../bindings";
import { errorPhrases } from "../formErrors";
import { phrase } from "../i18n";
import { useState } from "react";
import { useToast } from "./Toast";

type Toasts = ReturnType<typeof useToast>;

/** The file's name without its folders ("销售-按月-….xlsx"). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** Says the document is saved, with 打开 / 打开文件夹. */
export function showSaved(toast: Toasts, doc: SavedDocument): void {
  const failed = (reason: unknown) =>
    toast.show({ message: [phrase("saved.openFailed", { path: doc.path }), ...errorPhrases(reason)], error: true });
  toast.show({
    message: phrase("saved.exported", { name: fileName(doc.path) }),
    actions: [
      { label: phrase("saved.open"), testId: "toast-open", run: () => void api.openDocument(doc.path).catch(failed) },
      { label: phrase("saved.folder"), testId: "toast-folder", run: () => void api.showDocumentFolder(doc.path).catch(failed) },
    ],
  });
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
