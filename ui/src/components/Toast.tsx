// One transient notice at a time ("saved", "archived — undo"), in the bottom-right corner of the window.
// A notice keeps its message as phrases (key + parameters) and is translated when drawn, so that it
// follows a switch of language while it is up.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { say, type Phrase } from "../i18n";
import { useI18n } from "../i18nContext";

export type ToastRequest = {
  message: Phrase | readonly Phrase[];
  /** When given, the toast shows an Undo button that runs this. */
  undo?: () => void;
  /** Buttons after the message ("open", "show in folder"); each closes the notice and runs. */
  actions?: readonly { label: Phrase; testId: string; run: () => void }[];
  /** A failure: shown longer (there is a detail to read) and marked as an error. */
  error?: boolean;
  /** How long it stays up, when an undo needs longer than LONG_MS (voiding money: time to notice the mistake). */
  ms?: number;
};

type ToastState = ToastRequest & { serial: number };

type ToastApi = { show: (toast: ToastRequest) => void; dismiss: () => void };

const ToastContext = createContext<ToastApi>({ show: () => undefined, dismiss: () => undefined });

/** How long a notice stays up. An undo offer or a failure stays longer, and waits while the pointer is on it. */
export const PLAIN_MS = 3000;
export const LONG_MS = 8000;
/** Time left after the pointer leaves a paused notice, at least. */
const RESUME_MIN_MS = 2000;

function lingers(toast: ToastRequest): boolean {
  return toast.undo !== undefined || toast.error === true || (toast.actions?.length ?? 0) > 0;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<ToastState | null>(null);
  const [paused, setPaused] = useState(false);
  const serial = useRef(0);
  /** Time left for the notice `serial`, counted down whenever its timer stops (pause). */
  const remaining = useRef({ serial: 0, ms: 0 });

  const show = useCallback((request: ToastRequest) => {
    serial.current += 1;
    remaining.current = { serial: serial.current, ms: request.ms ?? (lingers(request) ? LONG_MS : PLAIN_MS) };
    setPaused(false);
    setToast({ ...request, serial: serial.current });
  }, []);
  const dismiss = useCallback(() => {
    setPaused(false);
    setToast(null);
  }, []);

  useEffect(() => {
    if (!toast || paused) return;
    const started = Date.now();
    const left = remaining.current;
    const timer = window.setTimeout(() => setToast(null), left.ms);
    return () => {
      window.clearTimeout(timer);
      if (remaining.current.serial === toast.serial) {
        remaining.current = { serial: toast.serial, ms: Math.max(RESUME_MIN_MS, left.ms - (Date.now() - started)) };
      }
    };
  }, [toast, paused]);

  const onPause = useCallback((pause: boolean) => setPaused(pause), []);

  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <ToastView toast={toast} onDismiss={dismiss} onPause={onPause} />
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
  const pausable = toast !== null && lingers(toast);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div
          key={toast.serial}
          className={toast.error ? "toast toast-error" : "toast"}
          data-testid="toast"
          onMouseEnter={pausable ? () => onPause(true) : undefined}
          onMouseLeave={pausable ? () => onPause(false) : undefined}
          onFocus={pausable ? () => onPause(true) : undefined}
          onBlur={pausable ? () => onPause(false) : undefined}
        >
          <span className="toast-message">{say(t, toast.message)}</span>
          {toast.undo ? (
            <button
              type="button"
              className="toast-action"
              data-testid="toast-undo"
              onClick={() => {
                const undo = toast.undo;
                onDismiss();
                undo?.();
              }}
            >
              {t("common.undo")}
            </button>
          ) : null}
          {toast.actions?.map((action) => (
            <button
              key={action.testId}
              type="button"
              className="toast-action"
              data-testid={action.testId}
              onClick={() => {
                onDismiss();
                action.run();
              }}
            >
              {say(t, action.label)}
            </button>
          ))}
          <button
            type="button"
            className="toast-close"
            aria-label={t("common.close")}
            title={t("common.close")}
            onClick={onDismiss}
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
