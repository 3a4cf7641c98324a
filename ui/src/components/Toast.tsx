// One transient notice at a time ("saved", "archived — undo"), at the bottom of the window.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useI18n } from "../i18nContext";

export type ToastRequest = {
  message: string;
  /** When given, the toast shows an Undo button that runs this. */
  undo?: () => void;
};

type ToastState = ToastRequest & { serial: number };

type ToastApi = { show: (toast: ToastRequest) => void; dismiss: () => void };

const ToastContext = createContext<ToastApi>({ show: () => undefined, dismiss: () => undefined });

/** How long a notice stays up; an undo offer stays longer so there is time to read and reach it. */
const PLAIN_MS = 4000;
const UNDO_MS = 10000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ToastState | null>(null);
  const [paused, setPaused] = useState(false);
  const serial = useRef(0);

  const show = useCallback((request: ToastRequest) => {
    serial.current += 1;
    setToast({ ...request, serial: serial.current });
  }, []);
  const dismiss = useCallback(() => setToast(null), []);

  useEffect(() => {
    if (!toast || paused) return;
    const timer = window.setTimeout(() => setToast(null), toast.undo ? UNDO_MS : PLAIN_MS);
    return () => window.clearTimeout(timer);
  }, [toast, paused]);

  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <ToastView toast={toast} onDismiss={dismiss} onPause={setPaused} />
    </ToastContext.Provider>
  );
}

function ToastView({
  toast,
  onDismiss,
  onPause,
}: {
  toast: ToastState | null;
  onDismiss: () => void;
  onPause: (paused: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div
          key={toast.serial}
          className="toast"
          data-testid="toast"
          onMouseEnter={() => onPause(true)}
          onMouseLeave={() => onPause(false)}
          onFocus={() => onPause(true)}
          onBlur={() => onPause(false)}
        >
          <span className="toast-message">{toast.message}</span>
          {toast.undo ? (
            <button
              type="button"
              className="toast-action"
              data-testid="toast-undo"
              onClick={() => {
                const undo = toast.undo;
                onPause(false);
                onDismiss();
                undo?.();
              }}
            >
              {t("common.undo")}
            </button>
          ) : null}
          <button
            type="button"
            className="toast-close"
            aria-label={t("common.close")}
            title={t("common.close")}
            onClick={() => {
              onPause(false);
              onDismiss();
            }}
          >
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}
