// Marketplace sync in words a shop owner understands: how sync stands (from `lastErrorKind`), when
// something happened ("3 分钟前"), what an alert asks of the owner, and what a held order is
// (docs/ipc.md, "Marketplace sync (issue 6)").
import type { MessageKey, Translate } from "../i18n";
import type { SyncStatus } from "../bindings";

/** How sync stands, as the status panel says it. */
export type SyncState =
  | "not_connected"
  | "never"
  | "online"
  | "offline"
  | "credentials"
  | "clock"
  | "busy"
  | "refused"
  | "unreadable"
  | "unknown";

const ERROR_KINDS = ["offline", "credentials", "clock", "busy", "refused", "unreadable"] as const;
type ErrorKind = (typeof ERROR_KINDS)[number];

function isErrorKind(kind: string): kind is ErrorKind {
  return (ERROR_KINDS as readonly string[]).includes(kind);
}

/**
 * The state of `status`: the kind of the last error; without one, online once a round has worked
 * (else never synced yet). `connected` false (no marketplace set up) says so whatever the status.
 */
export function syncState(status: SyncStatus, connected: boolean | null = null): SyncState {
  if (connected === false) return "not_connected";
  const kind = status.lastErrorKind;
  if (kind === "") return status.lastSuccessAt ? "online" : "never";
  return isErrorKind(kind) ? kind : "unknown";
}

const STATE_KEYS: Readonly<Record<SyncState, MessageKey>> = {
  not_connected: "sync.state.not_connected",
  never: "sync.state.never",
  online: "sync.state.online",
  offline: "sync.state.offline",
  credentials: "sync.state.credentials",
  clock: "sync.state.clock",
  busy: "sync.state.busy",
  refused: "sync.state.refused",
  unreadable: "sync.state.unreadable",
  unknown: "sync.state.unknown",
};

export function stateWords(t: Translate, state: SyncState): string {
  return t(STATE_KEYS[state]);
}

/** The sidebar's dot: fine, waiting for the network (or the marketplace's pause), or something to fix. */
export type Light = "online" | "offline" | "problem";

export function lightOf(state: SyncState): Light | null {
  switch (state) {
    case "online":
    case "never":
      return "online";
    case "offline":
    case "busy":
      return "offline";
    case "not_connected":
      return null;
    default:
      return "problem";
  }
}

/** What the owner should look at: parked items and alerts (held orders wait for a fix, so they count too). */
export function attentionCount(status: SyncStatus): number {
  return Number(status.parked) + Number(status.alerts) + Number(status.held);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "刚刚", "3 分钟前", "2 小时前", "5 天前" for an instant in the past; "马上", "3 分钟后"… for one
 * to come. `now` in milliseconds; an instant that is not a date is shown as it is.
 */
export function relativeTime(t: Translate, iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const diff = now - at;
  const ahead = diff < 0;
  const span = Math.abs(diff);
  if (span < MINUTE) return ahead ? t("sync.in.soon") : t("sync.ago.justNow");
  const [n, unit] = span < HOUR ? [Math.floor(span / MINUTE), "minute"] : span < DAY ? [Math.floor(span / HOUR), "hour"] : [Math.floor(span / DAY), "day"];
  const key = `sync.${ahead ? "in" : "ago"}.${unit}${n === 1 ? "" : "s"}` as MessageKey;
  return t(key, { n });
}

const ALERT_KEYS: Readonly<Record<string, MessageKey>> = {
  closed_after_packing: "sync.alert.closed_after_packing",
  refunded_after_shipping: "sync.alert.refunded_after_shipping",
  shipped_elsewhere: "sync.alert.shipped_elsewhere",
};

/** What happened to an order on the marketplace and what to do about it. */
export function alertWords(t: Translate, kind: string): string {
  const key = ALERT_KEYS[kind];
  return key ? t(key) : t("sync.alert.other", { kind });
}

/** "发货" / "库存": what an outbox item tells the marketplace. */
export function itemKindWords(t: Translate, kind: string): string {
  if (kind === "ship") return t("sync.kind.ship");
  if (kind === "stock") return t("sync.kind.stock");
  return kind;
}

export type HeldLine = { numIid: string; skuId: string; outerId: string; title: string; quantity: string };

/** What a held order's `data` tells, as far as it tells it ({ tid } alone for an order not read yet). */
export type HeldSummary = { buyer: string; recipient: string; payment: string; lines: HeldLine[] };

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return "";
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function heldSummary(data: unknown): HeldSummary {
  const d = record(data);
  // The recipient is a name; an object with a name is read too.
  const recipient = typeof d.recipient === "object" ? text(record(d.recipient).name) : text(d.recipient);
  const lines = Array.isArray(d.lines)
    ? d.lines.map((l) => {
        const line = record(l);
        return {
          numIid: text(line.numIid),
          skuId: text(line.skuId),
          outerId: text(line.outerId),
          title: text(line.title),
          quantity: text(line.quantity),
        };
      })
    : [];
  return { buyer: text(d.buyer), recipient, payment: text(d.payment), lines };
}

/** "3 件" / "3 pieces", "1 piece". */
export function piecesText(t: Translate, n: number): string {
  return Number(n) === 1 ? t("sync.piece", { n: 1 }) : t("sync.pieces", { n: Number(n) });
}

/** "试了 5 次" / "Tried 5 times", "Tried once". */
export function triesText(t: Translate, n: number): string {
  return Number(n) === 1 ? t("sync.triedOnce") : t("sync.tries", { n: Number(n) });
}
