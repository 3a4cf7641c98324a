// The owner's PIN prompt (输入店主密码). While a PIN is set and this window is not unlocked, pay and the
// shop's settings answer `locked` (docs/ipc.md, "The owner's PIN"). Inside an `UnlockProvider`,
// `retry(run)` runs a command and, when it is refused as locked, asks for the PIN and runs it again
// once the PIN is right; `ask()` only asks (the Pay screen's unlock button). Refusals that arrive
// while the prompt is open wait for the same prompt. Cancelling gives the refusal back to the caller.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from "react";
import * as api from "../api";
import type { PinStatus } from "../bindings";
import { problemOf, problemPhrases, ruleMessage, type FormProblem, type Issue } from "../formErrors";
import { say, type Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { TextField } from "./Field";
import { Modal } from "./Modal";

/** "30 秒", "2 分钟": how long to wait before the next try, from Rust's seconds. */
export function waitText(t: Translate, seconds: string): string {
  const n = Math.max(1, Math.ceil(Number(seconds) || 1));
  if (n < 60) return n === 1 ? t("pin.wait.second") : t("pin.wait.seconds", { n });
  const minutes = Math.ceil(n / 60);
  return minutes === 1 ? t("pin.wait.minute") : t("pin.wait.minutes", { n: minutes });
}

/**
 * Why Rust refused a PIN, in words a shop owner understands: how many tries are left before a wait
 * (`wrong_pin` with `left`), or how long to wait (`wrong_pin` or `too_many_tries` with `seconds`).
 */
export function pinRefusal(t: Translate, issue: Issue, label: string): string {
  const params = issue.params ?? {};
  switch (issue.rule) {
    case "wrong_pin":
      if (params.left !== undefined) return params.left === "1" ? t("pin.err.wrongLastTry") : t("pin.err.wrongLeft", { left: params.left });
      if (params.seconds !== undefined) return t("pin.err.wrongWait", { wait: waitText(t, params.seconds) });
      return t("pin.err.wrong");
    case "too_many_tries":
      return t("pin.err.tooMany", { wait: waitText(t, params.seconds ?? "30") });
    case "not_a_number":
      return t("pin.err.format");
    default:
      return ruleMessage(t, issue.rule, label, issue.message, params);
  }
}

type UnlockApi = {
  /** Asks for the PIN; the status once unlocked, null when the user cancelled. */
  ask: () => Promise<PinStatus | null>;
  /** Runs `run`; refused as locked, asks for the PIN and runs it once more after unlocking. */
  retry: <T>(run: () => Promise<T>) => Promise<T>;
};

/** Outside a provider nothing can ask: a locked refusal goes to the caller as it is. */
const UnlockContext = createContext<UnlockApi>({
  ask: () => Promise.resolve(null),
  retry: (run) => run(),
});

export function useUnlock(): UnlockApi {
  return useContext(UnlockContext);
}

export function UnlockProvider({ children, onUnlocked }: { children: ReactNode; onUnlocked?: (status: PinStatus) => void }) {
  const waiting = useRef<((status: PinStatus | null) => void)[]>([]);
  const [open, setOpen] = useState(false);
  const onUnlockedRef = useRef(onUnlocked);
  useLayoutEffect(() => {
    onUnlockedRef.current = onUnlocked;
  });

  const finish = useCallback((status: PinStatus | null) => {
    const waiters = waiting.current;
    waiting.current = [];
    setOpen(false);
    if (status) onUnlockedRef.current?.(status);
    for (const resume of waiters) resume(status);
  }, []);

  // A screen left while its prompt is open: whoever waits hears "cancelled".
  useEffect(
    () => () => {
      const waiters = waiting.current;
      waiting.current = [];
      for (const resume of waiters) resume(null);
    },
    [],
  );

  const ask = useCallback(
    () =>
      new Promise<PinStatus | null>((resolve) => {
        waiting.current.push(resolve);
        setOpen(true);
      }),
    [],
  );

  const retry = useCallback(
    async <T,>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (reason) {
        if (!api.isLocked(reason)) throw reason;
        const status = await ask();
        if (!status) throw reason;
        return run();
      }
    },
    [ask],
  );

  const value = useMemo(() => ({ ask, retry }), [ask, retry]);
  return (
    <UnlockContext.Provider value={value}>
      {children}
      {open ? <UnlockDialog onUnlocked={finish} onCancel={() => finish(null)} /> : null}
    </UnlockContext.Provider>
  );
}

/** The prompt (`unlock-dialog`): the PIN (`unlock-pin`, focused; Enter submits) and `unlock-submit`. */
function UnlockDialog({ onUnlocked, onCancel }: { onUnlocked: (status: PinStatus) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState("");
  // Kept as Rust's answer, not as text, so that the message follows a change of language.
  const [problem, setProblem] = useState<FormProblem | "required" | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const label = t("unlock.pin");

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (pin.trim() === "") {
      setProblem("required");
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const status = await api.unlock(pin.trim());
      onUnlocked(status);
    } catch (reason) {
      setBusy(false);
      setPin("");
      setProblem(problemOf(reason));
      input.current?.focus();
    }
  }

  let message: string | undefined;
  if (problem === "required") message = t("pin.err.required");
  else if (problem) {
    const issue = problem.issues.find((i) => i.field === "pin") ?? problem.issues[0];
    message = issue ? pinRefusal(t, issue, label) : say(t, problemPhrases(problem));
  }

  return (
    <Modal title={t("unlock.title")} dirty={false} onClose={onCancel}>
      <form className="form unlock-form" data-testid="unlock-dialog" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form-lead">{t("unlock.lead")}</p>
        <TextField
          form="unlock"
          name="pin"
          type="password"
          inputMode="numeric"
          label={label}
          autoFocus
          inputRef={input}
          value={pin}
          onChange={(v) => {
            setPin(v);
            if (problem === "required") setProblem(null);
          }}
          error={message}
        />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="unlock-cancel" onClick={onCancel}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="unlock-submit" disabled={busy}>
            {busy ? t("unlock.checking") : t("unlock.submit")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
