// 扫描发货: at the courier's pick-up the packer scans each parcel's waybill (or its label's QR code)
// and Rust ships that packed order. The input stays focused so a USB scanner (a keyboard that types
// fast and ends with Enter) can go parcel after parcel; scans are handled one after another in the
// order they were made. A wrong scan (a code of no order, an order shipped already, one not packed
// yet) flashes red and beeps (WebAudio, no sound files) and changes nothing. The last scan can be
// undone while the marketplace has not been told.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import * as api from "../api";
import type { Order } from "../bindings";
import { errorPhrases, issuesOf } from "../formErrors";
import { say } from "../i18n";
import { useI18n } from "../i18nContext";
import { courierName, stateKey, isOrderState } from "./orderText";

/** How many scans the list keeps in view. */
const SHOWN = 12;

type Scan = {
  /** Increasing, for React keys. */
  seq: number;
  code: string;
  at: string;
  /** The shipped order, or null when the scan was refused. */
  order: Order | null;
  /** What went wrong, in words; null when it shipped. */
  error: string | null;
  rule: string | null;
  undone: boolean;
};

/** A short low buzz for a wrong scan; silent where the browser has no WebAudio. */
function beep(): void {
  try {
    const Ctor =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    const ctx = new Ctor();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "square";
    osc.frequency.value = 220;
    gain.gain.value = 0.15;
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.35);
    osc.onended = () => void ctx.close();
  } catch {
    // No sound: the red flash still says it.
  }
}

function timeNow(): string {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function ScanShipScreen() {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [scans, setScans] = useState<Scan[]>([]);
  const [session, setSession] = useState(0);
  const [today, setToday] = useState<number | null>(null);
  const [flash, setFlash] = useState<{ seq: number; text: string; rule: string | null } | null>(null);
  const [undoing, setUndoing] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  // Scans go to Rust one at a time, in the order they were made.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const focus = useCallback(() => inputRef.current?.focus(), []);
  useEffect(focus, [focus]);

  // Today's count so far (another session or the CLI may have shipped some); a scan's answer
  // brings it up to date after.
  useEffect(() => {
    let current = true;
    api.shippedToday().then(
      (n) => {
        if (current) setToday((prev) => prev ?? n);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);

  const wrong = useCallback(
    (text: string, rule: string | null) => {
      seq.current += 1;
      setFlash({ seq: seq.current, text, rule });
      beep();
    },
    [],
  );

  /** Why a scan was refused, in the packer's words. */
  const refusal = useCallback(
    (reason: unknown, scanned: string): { text: string; rule: string | null } => {
      const issue = issuesOf(api.toApiError(reason))[0];
      const number = issue?.params?.number ?? "";
      const from = issue?.params?.from;
      switch (issue?.rule) {
        case "already_shipped":
          return { text: t("scanShip.alreadyShipped", { number }), rule: issue.rule };
        case "unknown_record":
          return { text: t("scanShip.unknown", { code: scanned }), rule: issue.rule };
        case "not_allowed":
          if (from === "paid" || from === "packing") return { text: t("scanShip.notPacked", { number }), rule: issue.rule };
          return {
            text: t("scanShip.cannotShip", { number, state: from !== undefined && isOrderState(from) ? t(stateKey(from)) : from ?? "" }),
            rule: issue.rule,
          };
        case "required":
          return { text: number ? t("scanShip.noWaybill", { number }) : t("scanShip.emptyCode"), rule: issue.rule };
        default:
          return { text: say(t, errorPhrases(reason)), rule: issue?.rule ?? null };
      }
    },
    [t],
  );

  const ship = useCallback(
    async (scanned: string) => {
      seq.current += 1;
      const mine = seq.current;
      try {
        const answer = await api.shipScanned(scanned);
        setScans((prev) => [{ seq: mine, code: scanned, at: timeNow(), order: answer.order, error: null, rule: null, undone: false }, ...prev].slice(0, SHOWN));
        setSession((n) => n + 1);
        setToday(answer.shippedToday);
        setFlash(null);
      } catch (reason) {
        const why = refusal(reason, scanned);
        setScans((prev) => [{ seq: mine, code: scanned, at: timeNow(), order: null, error: why.text, rule: why.rule, undone: false }, ...prev].slice(0, SHOWN));
        wrong(why.text, why.rule);
      }
    },
    [refusal, wrong],
  );

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const scanned = code.trim();
    setCode("");
    if (scanned === "") return;
    queue.current = queue.current.then(() => ship(scanned));
  }

  const last = scans.find((s) => s.order !== null && !s.undone) ?? null;
  const lastIsNewest = last !== null && scans.find((s) => s.order !== null) === last;

  async function undo() {
    if (!last || !last.order || undoing) return;
    setUndoing(true);
    try {
      await api.unshipOrder(last.order.id);
      setScans((prev) => prev.map((s) => (s.seq === last.seq ? { ...s, undone: true } : s)));
      setSession((n) => Math.max(0, n - 1));
      setToday((n) => (n === null ? null : Math.max(0, n - 1)));
      setFlash(null);
    } catch (reason) {
      const issue = issuesOf(api.toApiError(reason))[0];
      wrong(issue?.rule === "already_sent" ? t("scanShip.alreadySent", { number: last.order.number }) : say(t, errorPhrases(reason)), issue?.rule ?? null);
    } finally {
      setUndoing(false);
      focus();
    }
  }

  return (
    <section
      className="screen scan-ship"
      data-testid="scan-ship"
      aria-labelledby="scan-ship-title"
      onClick={(e) => {
        // A click beside the controls must not leave the scanner typing into nothing.
        if ((e.target as HTMLElement).closest("button, a, input, select") === null) focus();
      }}
    >
      <header className="screen-header">
        <h1 id="scan-ship-title">{t("scanShip.title")}</h1>
        <p className="screen-intro">{t("scanShip.lead")}</p>
      </header>
      <div className="scan-ship-top">
        <label className="scan-ship-field">
          <span className="field-label">{t("scanShip.inputLabel")}</span>
          <input
            ref={inputRef}
            type="text"
            data-testid="scan-ship-input"
            className="scan-ship-input"
            value={code}
            placeholder={t("scanShip.placeholder")}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setCode(e.target.value)}
            onKeyDown={onKey}
          />
        </label>
        <div className="scan-ship-counts">
          <div className="scan-ship-count">
            <span className="scan-ship-count-label">{t("scanShip.session")}</span>
            <span className="scan-ship-count-value" data-testid="scan-ship-session">
              {session}
            </span>
          </div>
          <div className="scan-ship-count">
            <span className="scan-ship-count-label">{t("scanShip.today")}</span>
            <span className="scan-ship-count-value" data-testid="scan-ship-today">
              {today ?? "–"}
            </span>
          </div>
        </div>
      </div>
      {flash ? (
        <div key={flash.seq} className="scan-ship-error" data-testid="scan-ship-error" data-rule={flash.rule ?? ""} role="alert">
          {flash.text}
        </div>
      ) : null}
      <div className="scan-ship-list-head">
        <h2>{t("scanShip.recent")}</h2>
        {last && lastIsNewest ? (
          <button type="button" className="btn btn-small btn-secondary" data-testid="scan-ship-undo" disabled={undoing} onClick={() => void undo()}>
            {t("scanShip.undo", { number: last.order?.number ?? "" })}
          </button>
        ) : null}
      </div>
      {scans.length === 0 ? (
        <p className="muted" data-testid="scan-ship-empty">
          {t("scanShip.empty")}
        </p>
      ) : (
        <ul className="scan-ship-list" data-testid="scan-ship-list">
          {scans.map((s) => (
            <li
              key={s.seq}
              className={s.order === null ? "scan-ship-row scan-ship-row-error" : s.undone ? "scan-ship-row scan-ship-row-undone" : "scan-ship-row"}
              data-testid="scan-ship-row"
              data-number={s.order?.number ?? ""}
              data-ok={s.order !== null && !s.undone ? "true" : "false"}
            >
              <span className="scan-ship-time">{s.at}</span>
              <span className="scan-ship-code">{s.code}</span>
              {s.order ? (
                <span className="scan-ship-what">
                  <span className="cell-strong">{s.order.number}</span> {s.order.recipient.name} · {courierName(s.order.courier, t)}
                  {s.undone ? <span className="badge"> {t("scanShip.undone")}</span> : null}
                </span>
              ) : (
                <span className="scan-ship-what">{s.error}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
