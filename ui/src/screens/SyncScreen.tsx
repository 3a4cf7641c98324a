// Marketplace sync (网店同步): how sync stands (online or not, the last success, what waits and what
// was parked, the last error in words), "sync now", the connection (the built-in demo marketplace or
// a real one), the listings mapped to products, parked items to retry or discard, the alerts of
// orders that changed on the marketplace after packing, and the orders kept aside. Sync itself runs
// in the background (docs/ipc.md, "Marketplace sync (issue 6)"): nothing here waits for a round.
import { useCallback, useState } from "react";
import * as api from "../api";
import { useToast } from "../components/Toast";
import { UnlockProvider } from "../components/Unlock";
import { errorPhrases } from "../formErrors";
import { useI18n } from "../i18nContext";
import type { ListingInput, MarketplaceSettings, SyncStatus } from "../bindings";
import { SyncConnection } from "./SyncConnection";
import { SyncListings } from "./SyncListings";
import { SyncAlerts, SyncHeld, SyncParked, SyncPending } from "./SyncQueues";
import { lightOf, relativeTime, stateWords, syncState } from "./syncText";
import { useProductsOfKind } from "./useProducts";
import { useLoaded, usePolledStatus, useRoundKey } from "./useSyncData";

export type SyncScreenProps = {
  /** Each status the screen reads, for the sidebar's indicator. */
  onStatus?: (status: SyncStatus) => void;
  /** The connection as read or changed here, for the sidebar's indicator. */
  onSettings?: (settings: MarketplaceSettings) => void;
};

export function SyncScreen(props: SyncScreenProps) {
  return (
    <UnlockProvider>
      <SyncFrame {...props} />
    </UnlockProvider>
  );
}

function SyncFrame({ onStatus, onSettings }: SyncScreenProps) {
  const { t } = useI18n();
  const toast = useToast();
  const polled = usePolledStatus(undefined, undefined, onStatus);
  const { refresh } = polled;
  const loadSettings = useCallback(async () => {
    const settings = await api.marketplaceSettings();
    onSettings?.(settings);
    return settings;
  }, [onSettings]);
  const settings = useLoaded(loadSettings);
  const roundKey = useRoundKey(polled.status);
  const listings = useLoaded(api.listListings, roundKey);
  const parked = useLoaded(() => api.syncItems("parked"), roundKey);
  const pending = useLoaded(() => api.syncItems("pending"), roundKey);
  const alerts = useLoaded(api.syncAlerts, roundKey);
  const held = useLoaded(api.heldOrders, roundKey);
  const goods = useProductsOfKind("goods");
  // A listing to map, from a held order's line: the listing form opens with it.
  const [draft, setDraft] = useState<{ input: ListingInput; serial: number } | null>(null);
  const [asking, setAsking] = useState(false);

  const { reload: reloadSettings } = settings;
  const { reload: reloadListings } = listings;
  const { reload: reloadParked } = parked;
  const { reload: reloadPending } = pending;
  const { reload: reloadAlerts } = alerts;
  const { reload: reloadHeld } = held;

  /** After a change here: the status and every list are read again. */
  const reloadAll = useCallback(() => {
    refresh();
    reloadSettings();
    reloadListings();
    reloadParked();
    reloadPending();
    reloadAlerts();
    reloadHeld();
  }, [refresh, reloadSettings, reloadListings, reloadParked, reloadPending, reloadAlerts, reloadHeld]);

  const syncNow = useCallback(async () => {
    setAsking(true);
    try {
      await api.syncNow();
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    } finally {
      setAsking(false);
      refresh();
    }
  }, [refresh, toast]);

  const connected = settings.data ? settings.data.connected : null;
  return (
    <section className="screen sync-screen" data-testid="sync-screen" aria-labelledby="sync-title">
      <header className="screen-header">
        <h1 id="sync-title">{t("sync.title")}</h1>
        <p className="screen-intro">{t("sync.intro")}</p>
      </header>
      <StatusPanel
        status={polled.status}
        error={polled.error}
        now={polled.now}
        connected={connected}
        asking={asking}
        onSyncNow={() => void syncNow()}
      />
      {/* Always here, connected or not: it keeps what it said (the demo's mapped listings) across the change. */}
      <SyncConnection
        settings={settings.data}
        error={settings.error}
        onChanged={reloadAll}
        onConnected={() => {
          void syncNow();
          reloadAll();
        }}
      />
      <SyncAlerts alerts={alerts} now={polled.now} onChanged={refresh} />
      <SyncParked
        items={parked}
        onChanged={() => {
          reloadParked();
          reloadPending();
          refresh();
        }}
      />
      <SyncPending items={pending} count={polled.status ? Number(polled.status.pending) : null} now={polled.now} />
      <SyncHeld
        held={held}
        listings={listings.data}
        onMap={(input) => setDraft((d) => ({ input, serial: (d?.serial ?? 0) + 1 }))}
      />
      <SyncListings
        listings={listings}
        goods={goods.products}
        draft={draft}
        onChanged={() => {
          reloadListings();
          refresh();
        }}
      />
    </section>
  );
}

function StatusPanel({
  status,
  error,
  now,
  connected,
  asking,
  onSyncNow,
}: {
  status: SyncStatus | null;
  error: api.ApiError | null;
  now: number;
  connected: boolean | null;
  asking: boolean;
  onSyncNow: () => void;
}) {
  const { t } = useI18n();
  const state = status ? syncState(status, connected) : null;
  const light = state ? lightOf(state) : null;
  const busy = asking || status?.syncing === true;
  const showError = status !== null && status.lastErrorKind !== "" && status.lastError.trim() !== "";
  return (
    <section className="card sync-status" data-testid="sync-status" data-state={state ?? "loading"} aria-labelledby="sync-status-title">
      <h2 id="sync-status-title" className="sr-only">
        {t("sync.statusTitle")}
      </h2>
      <div className="sync-status-head">
        <span className={`sync-light sync-light-${light ?? "none"}`} aria-hidden="true" />
        <div className="sync-status-words">
          <div className="sync-state" data-testid="sync-state" role="status">
            {state ? stateWords(t, state) : error ? t("sync.statusFailed") : t("common.loading")}
          </div>
          {status ? (
            <div className="sync-when" data-testid="sync-last-success">
              {status.lastSuccessAt
                ? t("sync.lastSuccess", { when: relativeTime(t, status.lastSuccessAt, now) })
                : t("sync.lastSuccessNever")}
              {status.lastAttemptAt && status.lastAttemptAt !== status.lastSuccessAt ? (
                <span className="sync-attempt" data-testid="sync-last-attempt">
                  {" · "}
                  {t("sync.lastAttempt", { when: relativeTime(t, status.lastAttemptAt, now) })}
                </span>
              ) : null}
            </div>
          ) : null}
        </div>
        <button
          type="button"
          className="btn btn-primary sync-now"
          data-testid="sync-now"
          disabled={busy || connected === false}
          aria-busy={busy}
          onClick={onSyncNow}
        >
          {busy ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
          {busy ? t("sync.syncing") : t("sync.now")}
        </button>
      </div>
      {showError && status ? (
        <div className="form-error-detail sync-error-detail" data-testid="sync-error-detail">
          {t("error.detail", { message: status.lastError })}
        </div>
      ) : null}
      {error && status ? (
        <div className="form-error-detail" data-testid="sync-status-error">
          {t("sync.statusFailed")} {t("error.detail", { message: error.message })}
        </div>
      ) : null}
      {status ? (
        <dl className="sync-counts">
          <Count label={t("sync.count.pending")} value={status.pending} testId="sync-pending" />
          <Count label={t("sync.count.parked")} value={status.parked} testId="sync-parked" warn />
          <Count label={t("sync.count.held")} value={status.held} testId="sync-held-count" warn />
          <Count label={t("sync.count.alerts")} value={status.alerts} testId="sync-alerts-count" warn />
        </dl>
      ) : null}
    </section>
  );
}

function Count({ label, value, testId, warn = false }: { label: string; value: number; testId: string; warn?: boolean }) {
  const n = Number(value);
  return (
    <div className={`sync-count${warn && n > 0 ? " sync-count-warn" : ""}`}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{n}</dd>
    </div>
  );
}
