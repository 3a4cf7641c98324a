// The sidebar's small sign of how sync stands, beside 网店同步: part of the frame, so it is in the
// start's bundle while the sync screen itself loads only when opened.
import type { SyncStatus } from "../bindings";
import { useI18n } from "../i18nContext";
import { attentionCount, lightOf, stateWords, syncState } from "../screens/syncText";

/** The sidebar's small sign of how sync stands (`sync-indicator`): a dot and what needs looking at. */
export function SyncIndicator({ status, connected }: { status: SyncStatus | null; connected: boolean | null }) {
  const { t } = useI18n();
  if (!status || connected !== true) return null;
  const state = syncState(status, connected);
  const light = lightOf(state);
  if (!light) return null;
  const count = attentionCount(status);
  const title = count > 0 ? `${stateWords(t, state)} · ${t("sync.indicatorCount", { n: count })}` : stateWords(t, state);
  return (
    <span className="sync-indicator" data-testid="sync-indicator" data-state={light} data-count={count} title={title}>
      <span className={`sync-dot sync-light-${light}`} aria-hidden="true" />
      <span className="sr-only">{title}</span>
      {count > 0 ? (
        <span className="sync-indicator-count" aria-hidden="true">
          {count}
        </span>
      ) : null}
    </span>
  );
}
