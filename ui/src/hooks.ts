// Shared hooks: a debounced search term and a database-paged list for the list screens, and the
// save (with its field messages, the focus after a rejection and whether anything is unsaved) for
// the forms.
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type RefObject,
  type SetStateAction,
} from "react";
import type { ListQuery } from "./bindings";
import { toApiError, type ApiError } from "./api";
import { explainError, fieldMessage, noErrors, withoutField, type FormErrors } from "./formErrors";
import { useI18n } from "./i18nContext";

export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 250;

/** A page of a list; `next`, from lists paged by key, is what to ask `after` for the page after it. */
export type Page<T> = { items: T[]; total: number; next?: string | null };

export type PagedList<T, P extends Page<T> = Page<T>> = {
  items: T[];
  total: number;
  offset: number;
  limit: number;
  /** True until the first answer for the current filter has arrived. */
  loading: boolean;
  error: ApiError | null;
  /** The last page answered as the command answered it (with a report's sum over every page); null until then. */
  page: P | null;
  setOffset: (offset: number) => void;
  reload: () => void;
};

/**
 * Keeps one page of a list that the database filters and pages. A new search or archive filter
 * starts again at the first page; answers to superseded queries are dropped. `filter` names any
 * other filter of the screen (a product kind, "expiring within 7 days") that `fetchPage` applies:
 * a change of it starts again at the first page too.
 *
 * Lists paged by key answer each page with `next`; the page after it is then asked `after` that
 * row rather than by its offset, which the database would have to step over row by row. The
 * cursors of the pages seen are kept, so going back a page asks by key too.
 */
export function usePagedList<T, P extends Page<T> = Page<T>>(
  fetchPage: (query: ListQuery) => Promise<P>,
  search: string,
  includeArchived: boolean,
  limit: number = PAGE_SIZE,
  filter: string = "",
): PagedList<T, P> {
  const filterKey = `${includeArchived ? 1 : 0}:${filter}:${search}`;
  const [paging, setPaging] = useState({ filterKey, offset: 0 });
  // Forget the page of the previous filter, or going back to it would reopen that page.
  if (paging.filterKey !== filterKey) setPaging({ filterKey, offset: 0 });
  const offset = paging.filterKey === filterKey ? paging.offset : 0;
  // The `after` of each page start (offset) reached by key, for this filter only.
  const cursors = useRef({ filterKey, at: new Map<number, string>() });
  if (cursors.current.filterKey !== filterKey) cursors.current = { filterKey, at: new Map() };
  const [reloadToken, setReloadToken] = useState(0);
  const [state, setState] = useState<{ page: P | null; error: ApiError | null }>({
    page: null,
    error: null,
  });

  useEffect(() => {
    let current = true;
    const known = cursors.current;
    const after = offset > 0 ? known.at.get(offset) : undefined;
    const query: ListQuery = { search, includeArchived, limit, offset, kind: "" };
    if (after !== undefined) query.after = after;
    fetchPage(query).then(
      (page) => {
        if (!current) return;
        // The last page emptied (e.g. its only row was archived): step back to the new last page.
        if (page.items.length === 0 && offset > 0 && page.total > 0) {
          setPaging({ filterKey, offset: Math.floor((page.total - 1) / limit) * limit });
          return;
        }
        if (page.next) known.at.set(offset + limit, page.next);
        else known.at.delete(offset + limit);
        setState({ page, error: null });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ page: s.page, error: toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [fetchPage, filterKey, search, includeArchived, limit, offset, reloadToken]);

  const setOffset = useCallback((next: number) => setPaging({ filterKey, offset: next }), [filterKey]);
  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  return {
    items: state.page?.items ?? [],
    total: state.page?.total ?? 0,
    offset,
    limit,
    loading: state.page === null && state.error === null,
    error: state.error,
    page: state.page,
    setOffset,
    reload,
  };
}

/**
 * After each rejected save (a new `attempt` number), puts the focus on the form's first invalid
 * input, in screen order, so that the user starts correcting there; when no field is marked,
 * on the form-level message, which also scrolls it into view.
 */
export function useFocusFirstError(form: RefObject<HTMLElement | null>, attempt: number): void {
  useEffect(() => {
    if (attempt === 0) return;
    const root = form.current;
    if (!root) return;
    const target =
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root.querySelector<HTMLElement>('[data-testid="form-error"]');
    target?.focus();
  }, [form, attempt]);
}

/** Deep equality of plain form values (strings, numbers, booleans, null, arrays and plain objects). */
export function sameValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => Object.prototype.hasOwnProperty.call(b, k) && sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * Whether `values` differ from the values the form opened with (its baseline). Values that arrive
 * later (null while loading) become the baseline when they first arrive.
 */
export function useDirty<V>(values: V): { dirty: boolean; setBaseline: Dispatch<SetStateAction<V>> } {
  const [baseline, setBaseline] = useState<V>(values);
  if (baseline === null && values !== null) setBaseline(values);
  const dirty = baseline !== null && !sameValues(baseline, values);
  return { dirty, setBaseline };
}

export type SaveForm<F extends string, V = unknown> = {
  /** Goes on the `<form>`: after a rejected save the focus moves to its first wrong field. */
  ref: RefObject<HTMLFormElement | null>;
  errors: FormErrors<F>;
  setErrors: (errors: FormErrors<F>) => void;
  /** Drops the messages of these fields (the user is correcting them). */
  clearError: (...names: F[]) => void;
  /** The message under a field, in the current language, naming the field by its label. */
  error: (name: F) => string | undefined;
  /** True while a save is under way: the save button is disabled and says so. */
  saving: boolean;
  /**
   * The form's submit. Runs `save` unless one is under way; the messages of the last attempt stay
   * until it is answered. A success clears them and hands the saved value to `onSaved`; a rejection
   * puts Rust's messages on the fields in `shown` (the rest on the whole form) and focuses the first.
   */
  submit: <R>(
    e: FormEvent,
    how: { shown: readonly F[]; save: () => Promise<R>; onSaved: (saved: R) => void },
  ) => Promise<void>;
  /**
   * The form holds edits that are not saved: its values differ from those it opened with or last
   * saved. Give it to the dialog (`<Modal dirty>`) or the screen (`useBlockLeave`), which then ask
   * before anything typed is thrown away.
   */
  dirty: boolean;
  /** Changes what counts as unchanged, e.g. when a setting was changed and saved elsewhere. */
  setBaseline: Dispatch<SetStateAction<V>>;
};

/**
 * The state every form that saves through Rust keeps: its messages, whether it is saving, its focus,
 * and whether its `values` (what is on screen) hold unsaved edits. `labels` name the fields in the
 * messages; a function where the fields are not known in advance (the lines of a purchase).
 */
export function useSaveForm<F extends string, V>(
  labels: Readonly<Record<F, string>> | ((name: F) => string),
  values: V,
): SaveForm<F, V> {
  const { t } = useI18n();
  const { dirty, setBaseline } = useDirty(values);
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [saving, setSaving] = useState(false);
  const [failures, setFailures] = useState(0);
  const ref = useRef<HTMLFormElement>(null);
  useFocusFirstError(ref, failures);

  const clearError = useCallback((...names: F[]) => {
    setErrors((prev) => names.reduce((acc, name) => withoutField(acc, name), prev));
  }, []);

  async function submit<R>(
    e: FormEvent,
    how: { shown: readonly F[]; save: () => Promise<R>; onSaved: (saved: R) => void },
  ): Promise<void> {
    e.preventDefault();
    if (saving) return;
    const submitted = values;
    setSaving(true);
    try {
      const saved = await how.save();
      setErrors(noErrors());
      setSaving(false);
      // What was saved is the new "unchanged"; anything typed while saving still counts as unsaved.
      setBaseline(() => submitted);
      how.onSaved(saved);
    } catch (reason) {
      setErrors(explainError(reason, how.shown));
      setSaving(false);
      setFailures((n) => n + 1);
    }
  }

  return {
    ref,
    errors,
    setErrors,
    clearError,
    error: (name) => fieldMessage(t, errors.fields[name], typeof labels === "function" ? labels(name) : labels[name]),
    saving,
    submit,
    dirty,
    setBaseline,
  };
}

/**
 * `set(name)` gives a text input's onChange: it stores what was typed under `name` and clears that
 * field's error (the person is correcting it). Every form's text fields use it.
 */
export function textSetter<V, N extends keyof V & string>(
  setInput: Dispatch<SetStateAction<V>>,
  clearError: (...names: N[]) => void,
): (name: N) => (value: string) => void {
  return (name) => (value) => {
    setInput((prev) => ({ ...prev, [name]: value }));
    clearError(name);
  };
}
