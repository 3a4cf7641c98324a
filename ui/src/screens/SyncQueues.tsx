// The lists of the sync screen that ask something of the owner: alerts (an order that changed on
// the marketplace after packing or shipping), parked items (tried too often: retry or discard),
// what waits to be sent, and platform orders kept aside (with Rust's reason).
import { useState } from "react";
import * as api from "../api";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { formatMoney } from "../format";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import type { HeldOrderDto, ListingDto, ListingInput, OutboxItemDto, SyncAlertDto } from "../bindings";
import { ListError } from "./ListToolbar";
import { emptyListing } from "./SyncListings";
import { alertWords, heldSummary, itemKindWords, relativeTime, triesText, type HeldLine } from "./syncText";
import type { Loaded } from "./useSyncData";

function LoadError({ error }: { error: api.ApiError | null }) {
  const { t } = useI18n();
  return error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: error.message })} /> : null;
}

export function SyncAlerts({ alerts, now, onChanged }: { alerts: Loaded<SyncAlertDto[]>; now: number; onChanged: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState<number | null>(null);
  const { reload } = alerts;

  async function dismiss(alert: SyncAlertDto) {
    setBusy(alert.id);
    try {
      await api.dismissSyncAlert(alert.id);
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    } finally {
      setBusy(null);
      reload();
      onChanged();
    }
  }

  const rows = alerts.data;
  return (
    <section className="card sync-section" data-testid="sync-alerts" aria-labelledby="sync-alerts-title">
      <h2 id="sync-alerts-title" className="sync-section-title">
        {t("sync.alertsTitle")}
      </h2>
      <LoadError error={alerts.error} />
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="alerts-empty">
          {t("sync.alertsEmpty")}
        </p>
      ) : (
        <ul className="sync-list">
          {rows.map((a) => (
            <li key={a.id} className="sync-item sync-item-alert" data-testid="alert-row" data-id={a.id} data-kind={a.kind}>
              <div className="sync-item-main">
                <div className="cell-strong" data-testid="alert-order">
                  {t("sync.alertOrder", { number: a.number })}
                </div>
                <div data-testid="alert-what">{alertWords(t, a.kind)}</div>
                <div className="cell-sub">
                  {t("sync.platformOrder", { id: a.platformOrderId })} · {relativeTime(t, a.at, now)}
                </div>
              </div>
              <button type="button" className="btn btn-small btn-secondary" data-testid="alert-dismiss" disabled={busy === a.id} onClick={() => void dismiss(a)}>
                {t("sync.dismiss")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function SyncParked({ items, onChanged }: { items: Loaded<OutboxItemDto[]>; onChanged: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  async function act(item: OutboxItemDto, how: "retry" | "discard") {
    setBusy(item.id);
    try {
      if (how === "retry") await api.retrySyncItem(item.id);
      else await api.discardSyncItem(item.id);
      toast.show({ message: phrase(how === "retry" ? "sync.retriedToast" : "sync.discardedToast", { label: item.label }) });
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    } finally {
      setBusy(null);
      setConfirming(null);
      onChanged();
    }
  }

  const rows = items.data;
  return (
    <section className="card sync-section" data-testid="sync-parked-list" aria-labelledby="sync-parked-title">
      <h2 id="sync-parked-title" className="sync-section-title">
        {t("sync.parkedTitle")}
      </h2>
      <LoadError error={items.error} />
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="parked-empty">
          {t("sync.parkedEmpty")}
        </p>
      ) : (
        <>
          <p className="form-lead">{t("sync.parkedLead")}</p>
          <ul className="sync-list">
            {rows.map((item) => (
              <li key={item.id} className="sync-item sync-item-parked" data-testid="parked-row" data-id={item.id} data-kind={item.kind}>
                <div className="sync-item-main">
                  <div>
                    <span className="badge badge-sync-kind" data-testid="parked-kind">
                      {itemKindWords(t, item.kind)}
                    </span>{" "}
                    <span className="cell-strong" data-testid="parked-label">
                      {item.label}
                    </span>
                  </div>
                  <div className="cell-sub" data-testid="parked-tries">
                    {triesText(t, item.tries)}
                  </div>
                  {item.lastError ? (
                    <div className="form-error-detail" data-testid="parked-error">
                      {t("error.detail", { message: item.lastError })}
                    </div>
                  ) : null}
                </div>
                {confirming === item.id ? (
                  <span className="sync-confirm" data-testid="parked-discard-confirm" role="alertdialog" aria-label={t("sync.discardAsk")}>
                    <span>{t("sync.discardAsk")}</span>
                    <button type="button" className="btn btn-small btn-secondary" data-testid="parked-discard-no" autoFocus onClick={() => setConfirming(null)}>
                      {t("sync.discardNo")}
                    </button>
                    <button type="button" className="btn btn-small btn-danger" data-testid="parked-discard-yes" disabled={busy === item.id} onClick={() => void act(item, "discard")}>
                      {t("sync.discardYes")}
                    </button>
                  </span>
                ) : (
                  <span className="sync-item-actions">
                    <button type="button" className="btn btn-small btn-primary" data-testid="parked-retry" disabled={busy === item.id} onClick={() => void act(item, "retry")}>
                      {t("sync.retry")}
                    </button>
                    <button type="button" className="btn btn-small btn-quiet" data-testid="parked-discard" disabled={busy === item.id} onClick={() => setConfirming(item.id)}>
                      {t("sync.discard")}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** What waits to be sent, folded away: the count is in the status panel. */
export function SyncPending({ items, count, now }: { items: Loaded<OutboxItemDto[]>; count: number | null; now: number }) {
  const { t } = useI18n();
  const rows = items.data;
  const n = count ?? rows?.length ?? 0;
  return (
    <details className="card sync-section sync-pending" data-testid="sync-pending-list">
      <summary className="sync-section-title" data-testid="sync-pending-toggle">
        {t("sync.pendingTitle", { n })}
      </summary>
      <LoadError error={items.error} />
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="pending-empty">
          {t("sync.pendingEmpty")}
        </p>
      ) : (
        <ul className="sync-list">
          {rows.map((item) => (
            <li key={item.id} className="sync-item" data-testid="pending-row" data-id={item.id} data-kind={item.kind}>
              <div className="sync-item-main">
                <div>
                  <span className="badge badge-sync-kind">{itemKindWords(t, item.kind)}</span> <span className="cell-strong">{item.label}</span>
                </div>
                <div className="cell-sub">
                  {item.tries > 0 ? `${triesText(t, item.tries)} · ` : ""}
                  {item.nextAt ? t("sync.nextAt", { when: relativeTime(t, item.nextAt, now) }) : null}
                </div>
                {item.lastError ? <div className="form-error-detail">{t("error.detail", { message: item.lastError })}</div> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function mapped(listings: readonly ListingDto[] | null, line: HeldLine): boolean {
  return (listings ?? []).some((l) => l.numIid === line.numIid && l.skuId === line.skuId);
}

export function SyncHeld({
  held,
  listings,
  onMap,
}: {
  held: Loaded<HeldOrderDto[]>;
  listings: ListingDto[] | null;
  /** Opens the listing form with a line's listing, to map it to a product. */
  onMap: (input: ListingInput) => void;
}) {
  const { t } = useI18n();
  const rows = held.data;
  return (
    <section className="card sync-section" data-testid="sync-held" aria-labelledby="sync-held-title">
      <h2 id="sync-held-title" className="sync-section-title">
        {t("sync.heldTitle")}
      </h2>
      <LoadError error={held.error} />
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted" data-testid="held-empty">
          {t("sync.heldEmpty")}
        </p>
      ) : (
        <>
          <p className="form-lead">{t("sync.heldLead")}</p>
          <ul className="sync-list">
            {rows.map((h) => {
              const s = heldSummary(h.data);
              const who = [
                s.buyer ? t("sync.heldBuyer", { buyer: s.buyer }) : null,
                s.recipient ? t("sync.heldRecipient", { name: s.recipient }) : null,
                s.payment ? t("sync.heldPayment", { amount: formatMoney(s.payment) }) : null,
              ].filter((x): x is string => x !== null);
              return (
                <li key={h.platformOrderId} className="sync-item sync-item-held" data-testid="held-row" data-id={h.platformOrderId}>
                  <div className="sync-item-main">
                    <div className="cell-strong" data-testid="held-order">
                      {t("sync.platformOrder", { id: h.platformOrderId })}
                    </div>
                    {who.length > 0 ? (
                      <div className="cell-sub" data-testid="held-who">
                        {who.join(" · ")}
                      </div>
                    ) : null}
                    {s.lines.length > 0 ? (
                      <ul className="sync-held-lines">
                        {s.lines.map((line, i) => (
                          <li key={`${line.numIid}-${line.skuId}-${i}`} data-testid="held-line">
                            <span>{t("sync.heldLine", { title: line.title || t("sync.listingId", { id: line.numIid }), quantity: line.quantity })}</span>
                            {line.numIid && !mapped(listings, line) ? (
                              <>
                                {" "}
                                <button
                                  type="button"
                                  className="btn btn-small btn-secondary"
                                  data-testid="held-map"
                                  onClick={() =>
                                    onMap({ ...emptyListing(), numIid: line.numIid, skuId: line.skuId, outerId: line.outerId, title: line.title })
                                  }
                                >
                                  {t("sync.heldMap")}
                                </button>
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    <div className="sync-held-reason" data-testid="held-reason">
                      <span>{t("sync.heldLeadIn")}</span>
                      <span className="form-error-detail">{h.reason}</span>
                    </div>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
