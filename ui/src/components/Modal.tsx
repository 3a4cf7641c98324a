// A dialog over the current screen for add/edit forms. Escape, the close button (×) and the form's
// Cancel (FormActions, through `useModalClose`) all close it the same way: at once when nothing was
// changed, else after asking whether to discard the changes (components/DiscardGuard.tsx).
import { createContext, useCallback, useContext, useEffect, useId, useLayoutEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../i18nContext";
import { useBlockLeave, useDiscardGuard } from "./DiscardGuard";

const ModalCloseContext = createContext<(() => void) | null>(null);

/** The close of the enclosing dialog, asking first when its form holds unsaved edits. */
export function useModalClose(): () => void {
  const close = useContext(ModalCloseContext);
  if (!close) throw new Error("useModalClose is only available inside a <Modal>");
  return close;
}

export function Modal({
  title,
  dirty,
  onClose,
  wide = false,
  children,
}: {
  title: string;
  /** A form with many fields side by side (the lines of a purchase): nearly the window's width. */
  wide?: boolean;
  /** The form inside differs from what it opened with: closing asks first. */
  dirty: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const guard = useDiscardGuard(dirty);
  const { leave } = guard;
  // Leaving the screen under the dialog (e.g. the sidebar, reached by keyboard) asks too.
  useBlockLeave(dirty);

  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });
  const close = useCallback(() => leave(() => onCloseRef.current()), [leave]);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>("input, select, textarea, button:not(.modal-close)");
    first?.focus();
    return () => previous?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [close]);

  return (
    <>
      <div className="modal-backdrop">
        <div className={wide ? "modal modal-wide" : "modal"} role="dialog" aria-modal="true" aria-labelledby={titleId} ref={panel}>
          <div className="modal-header">
            <h2 className="modal-title" id={titleId}>
              {title}
            </h2>
            <button
              type="button"
              className="modal-close"
              data-testid="modal-close"
              aria-label={t("common.close")}
              title={t("common.close")}
              onClick={close}
            >
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
          </div>
          <ModalCloseContext.Provider value={close}>{children}</ModalCloseContext.Provider>
        </div>
      </div>
      {guard.prompt}
    </>
  );
}
