// The data of the sync screen: the status, asked for again every few seconds while the screen is
// open (more often while a round runs), and the lists, read again when a round changed something.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import * as api from "../api";
import type { SyncStatus } from "../bindings";

/** How often the open sync screen asks how sync stands. */
export const STATUS_EVERY_MS = 3000;
/** While a round runs, or just after "sync now". */
export const STATUS_BUSY_MS = 1000;

export type PolledStatus = {
  status: SyncStatus | null;
  error: api.ApiError | null;
  /** When the last answer came, for "3 分钟前". */
  now: number;
  /** Asks again at once (after "sync now", a retry…), then every few seconds again. */
  refresh: () => void;
};

/**
 * Asks `sync_status` now and then every `everyMs` (`busyMs` while a round runs), one question at a
 * time: a slow answer is never overtaken by the next question. Each answer also goes to `onStatus`.
 */
export function usePolledStatus(
  everyMs: number = STATUS_EVERY_MS,
  busyMs: number = STATUS_BUSY_MS,
  onStatus?: (status: SyncStatus) => void,
): PolledStatus {
  const [state, setState] = useState<{ status: SyncStatus | null; error: api.ApiError | null; now: number }>(() => ({
    status: null,
    error: null,
    now: Date.now(),
  }));
  const [token, setToken] = useState(0);
  const onStatusRef = useRef(onStatus);
  useLayoutEffect(() => {
    onStatusRef.current = onStatus;
  });

  useEffect(() => {
    let current = true;
    let timer: number | undefined;
    const ask = () => {
      api.syncStatus().then(
        (status) => {
          if (!current) return;
          setState({ status, error: null, now: Date.now() });
          onStatusRef.current?.(status);
          timer = window.setTimeout(ask, status.syncing ? busyMs : everyMs);
        },
        (reason: unknown) => {
          if (!current) return;
          setState((s) => ({ status: s.status, error: api.toApiError(reason), now: Date.now() }));
          timer = window.setTimeout(ask, everyMs);
        },
      );
    };
    ask();
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [token, everyMs, busyMs]);

  const refresh = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, refresh };
}

export type Loaded<T> = { data: T | null; error: api.ApiError | null; reload: () => void };

/**
 * What `load` answers, read again on `reload()` and whenever `key` changes (a round changed the
 * counts). Answers to superseded questions are dropped; a failure keeps what was shown.
 */
export function useLoaded<T>(load: () => Promise<T>, key: unknown = null): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: api.ApiError | null }>({ data: null, error: null });
  const [token, setToken] = useState(0);
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => {
        if (current) setState({ data, error: null });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ data: s.data, error: api.toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [token, key]);
  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, reload };
}

/**
 * A number that goes up each time a round has changed what the lists show (the counts, the last
 * attempt), but not for the first status: the lists are read once when the screen opens anyway.
 */
export function useRoundKey(status: SyncStatus | null): number {
  const version = status
    ? [status.lastAttemptAt, status.lastSuccessAt, status.pending, status.parked, status.held, status.alerts].join("|")
    : null;
  const [state, setState] = useState<{ version: string | null; key: number }>({ version: null, key: 0 });
  if (version !== null && version !== state.version) {
    setState({ version, key: state.version === null ? state.key : state.key + 1 });
  }
  return state.key;
}

/** How often the sidebar asks how sync stands while the sync screen is not open. */
export const SIDEBAR_EVERY_MS = 30_000;

export type SidebarSync = {
  status: SyncStatus | null;
  /** Whether a marketplace is connected; null until known. */
  connected: boolean | null;
  /** What the sync screen read, while it is open. */
  setStatus: (status: SyncStatus) => void;
  setSettings: (settings: { connected: boolean }) => void;
  /** Both, as the start answered them: the first question then waits its turn instead of asking at once. */
  tell: (status: SyncStatus, connected: boolean) => void;
};

/**
 * The sidebar's view of sync: while `active` (the sync screen is not open, which reports itself),
 * the status and whether a marketplace is connected, asked for now (unless the start just told
 * them) and every half minute. A failure (an older Rust side, a database problem the screens
 * report) keeps what was known.
 */
export function useSidebarSync(active: boolean): SidebarSync {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [connected, setConnected] = useState<boolean | null>(null);
  // Told by the start: the next time the sidebar becomes active it needs not ask at once.
  const told = useRef(false);
  useEffect(() => {
    if (!active) return;
    let current = true;
    let timer: number | undefined;
    const ask = () => {
      Promise.all([api.syncStatus(), api.marketplaceSettings()]).then(
        ([s, settings]) => {
          if (!current) return;
          setStatus(s);
          setConnected(settings.connected);
          timer = window.setTimeout(ask, SIDEBAR_EVERY_MS);
        },
        () => {
          if (current) timer = window.setTimeout(ask, SIDEBAR_EVERY_MS);
        },
      );
    };
    if (told.current) {
      told.current = false;
      timer = window.setTimeout(ask, SIDEBAR_EVERY_MS);
    } else {
      ask();
    }
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [active]);
  const setSettings = useCallback((settings: { connected: boolean }) => setConnected(settings.connected), []);
  const tell = useCallback((s: SyncStatus, c: boolean) => {
    told.current = true;
    setStatus(s);
    setConnected(c);
  }, []);
  return { status, connected, setStatus, setSettings, tell };
}
