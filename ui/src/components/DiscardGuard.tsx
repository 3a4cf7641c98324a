// Nothing typed is thrown away without a word. A form that differs from what it opened with (dirty)
// asks "放弃未保存的修改？" before it is closed or left; a clean form goes at once.
//
// - `useDiscardGuard(dirty)`: `leave(action)` runs `action` at once when clean, else asks first;
//   render `prompt` (the question, or null). Modal uses it for Escape, its close button and Cancel.
// - `LeaveGuardProvider` around the screens, `useBlockLeave(dirty)` in a screen (or dialog) with a
//   form, and `useGuardedLeave()` where the user leaves it (the sidebar navigation, a Back button).
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useI18n } from "../i18nContext";

/**
 * The question itself (`confirm-discard`): Keep editing (`confirm-keep`, focused, also Escape)
 * or Discard (`confirm-discard-yes`). The focus goes back where it was when the user keeps editing.
 */
export function ConfirmDiscard({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const { t } = useI18n();
  const panel = useRef<HTMLDivElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const onKeepRef = useRef(onKeep);
  useLayoutEffect(() => {
    onKeepRef.current = onKeep;
  });

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    keep.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  useEffect(() => {
    // Captured on the window before anything else: Escape here answers the question (keep editing)
    // and must not also reach the dialog underneath, which would ask to close again.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        onKeepRef.current();
      } else if (e.key === "Tab") {
        // The focus stays on the two buttons while the question is open.
        const buttons = [...(panel.current?.querySelectorAll<HTMLElement>("button") ?? [])];
        const first = buttons[0];
        const last = buttons[buttons.length - 1];
        if (!first || !last) return;
        const inside = panel.current?.contains(document.activeElement) ?? false;
        if (e.shiftKey && (!inside || document.activeElement === first)) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && (!inside || document.activeElement === last)) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  return (
    <div className="confirm-backdrop">
      <div
        className="confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        data-testid="confirm-discard"
        ref={panel}
      >
        <h2 className="confirm-title" id={titleId}>
          {t("discard.question")}
        </h2>
        <p className="confirm-text" id={textId}>
          {t("discard.detail")}
        </p>
        <div className="form-actions">
          <button type="button" className="btn btn-danger" data-testid="confirm-discard-yes" onClick={onDiscard}>
            {t("discard.discard")}
          </button>
          <button type="button" className="btn btn-primary" data-testid="confirm-keep" ref={keep} onClick={onKeep}>
            {t("discard.keep")}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Asks before `onDiscard` runs: `ask(onDiscard)` shows the question, `prompt` is it (or null). */
function useDiscardPrompt(): { ask: (onDiscard: () => void) => void; prompt: ReactNode } {
  const [pending, setPending] = useState<{ onDiscard: () => void } | null>(null);
  const ask = useCallback((onDiscard: () => void) => setPending({ onDiscard }), []);
  const prompt = pending ? (
    <ConfirmDiscard
      onKeep={() => setPending(null)}
      onDiscard={() => {
        setPending(null);
        pending.onDiscard();
      }}
    />
  ) : null;
  return { ask, prompt };
}

export type DiscardGuard = {
  /** Runs `action` (close, leave) at once when nothing is unsaved, else after the user chose Discard. */
  leave: (action: () => void) => void;
  /** The question while it is asked; render it. */
  prompt: ReactNode;
};

/** The guard of one form: `dirty` says whether it holds unsaved edits. `leave` is stable. */
export function useDiscardGuard(dirty: boolean): DiscardGuard {
  const { ask, prompt } = useDiscardPrompt();
  const dirtyRef = useRef(dirty);
  useLayoutEffect(() => {
    dirtyRef.current = dirty;
  });
  const leave = useCallback(
    (action: () => void) => {
      if (dirtyRef.current) ask(action);
      else action();
    },
    [ask],
  );
  return { leave, prompt };
}

type LeaveGuardApi = {
  /** Registers whether a mounted form is dirty; returns the unregistration. */
  register: (isDirty: () => boolean) => () => void;
  leave: (action: () => void) => void;
};

const LeaveGuardContext = createContext<LeaveGuardApi | null>(null);

/**
 * Around the screens: `useGuardedLeave()` asks before leaving while any form inside that called
 * `useBlockLeave(true)` holds unsaved edits.
 */
export function LeaveGuardProvider({ children }: { children: ReactNode }) {
  const { ask, prompt } = useDiscardPrompt();
  const forms = useRef(new Set<() => boolean>());
  const register = useCallback((isDirty: () => boolean) => {
    forms.current.add(isDirty);
    return () => {
      forms.current.delete(isDirty);
    };
  }, []);
  const leave = useCallback(
    (action: () => void) => {
      if ([...forms.current].some((isDirty) => isDirty())) ask(action);
      else action();
    },
    [ask],
  );
  const api = useMemo(() => ({ register, leave }), [register, leave]);
  return (
    <LeaveGuardContext.Provider value={api}>
      {children}
      {prompt}
    </LeaveGuardContext.Provider>
  );
}

/** Marks the screen as holding unsaved edits while `dirty`: leaving through `useGuardedLeave` asks. */
export function useBlockLeave(dirty: boolean): void {
  const api = useContext(LeaveGuardContext);
  const dirtyRef = useRef(dirty);
  useLayoutEffect(() => {
    dirtyRef.current = dirty;
  });
  useEffect(() => api?.register(() => dirtyRef.current), [api]);
}

/** Leaves the current screen (`action`), asking first if a form on it holds unsaved edits. */
export function useGuardedLeave(): (action: () => void) => void {
  const api = useContext(LeaveGuardContext);
  return api?.leave ?? runAtOnce;
}

function runAtOnce(action: () => void): void {
  action();
}
