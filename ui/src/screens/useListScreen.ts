// The state and actions of a list screen: a debounced search, the switch that shows the rows hidden by
// default (archived farmers and products, used-up lots), one page of the list as the database pages
// it, and which row a form is open for (`usePagedScreen`); for farmers and products also archive with
// an undo notice and restore (`useListScreen`).
import { useCallback, useState } from "react";
import type { ListQuery } from "../bindings";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { phrase, type MessageKey, type Phrase } from "../i18n";
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS, useDebouncedValue, usePagedList, type Page, type PagedList } from "../hooks";

/** What a list screen shows a row of. */
export type Row = { id: string };

/** A row that can be archived and restored: the list commands of farmers and products return these. */
export type Listed = Row & { archived: boolean };

/** The messages every list screen has under its prefix: `purchases.title`, `stock.empty`, … */
export type ScreenMessage = "title" | "intro" | "searchPlaceholder" | "empty" | "emptySearch";

/** The messages of a list screen with add, archive and restore: `farmers.add`, `farmers.archivedToast`, … */
export type ListMessage = ScreenMessage | "add" | "archivedToast" | "restoredToast";

/** The prefixes under which the locale files hold all of the messages `M`. */
type PrefixWith<M extends string> = {
  [K in MessageKey]: K extends `${infer P}.title` ? (`${P}.${M}` extends MessageKey ? P : never) : never;
}[MessageKey];

/**
 * A prefix ("purchases", "stock") under which the locale files hold every ScreenMessage; it also
 * names the screen's test ids (`stock-screen`, `stock-search`, `stock-empty`, …).
 */
export type ScreenPrefix = PrefixWith<ScreenMessage>;

/** A prefix ("farmers", "products") under which the locale files hold every ListMessage. */
export type ListPrefix = PrefixWith<ListMessage>;

export function screenKey(prefix: ScreenPrefix, message: ScreenMessage): MessageKey {
  return `${prefix}.${message}`;
}

export function listKey(prefix: ListPrefix, message: ListMessage): MessageKey {
  return `${prefix}.${message}`;
}

export type PagedScreenOptions<T extends Row> = {
  prefix: ScreenPrefix;
  /**
   * The `list_*` command: one page of rows for a search; `includeArchived` is the screen's switch
   * (show archived rows, show used-up lots).
   */
  list: (query: ListQuery) => Promise<Page<T>>;
  /**
   * The screen's other filter (a product kind, "expiring within 7 days") as a key, which `list`
   * applies: a change starts again at the first page.
   */
  filter?: string;
};

export type PagedScreen<T extends Row> = {
  prefix: ScreenPrefix;
  /** The search box as typed. */
  search: string;
  setSearch: (search: string) => void;
  /** The trimmed search the list is filtered by, a pause after the last keystroke. */
  term: string;
  /** The switch: the rows hidden by default are shown too. */
  showHidden: boolean;
  setShowHidden: (show: boolean) => void;
  list: PagedList<T>;
  /** The add (item null) or row form that is open, if any. */
  editing: { item: T | null } | null;
  openForm: (item: T | null) => void;
  closeForm: () => void;
  /** After the form saved: closes it, reloads the page and says so ("saved", or `message`). */
  saved: (message?: Phrase | readonly Phrase[]) => void;
};

export function usePagedScreen<T extends Row>(options: PagedScreenOptions<T>): PagedScreen<T> {
  const toast = useToast();
  const [search, setSearch] = useState("");
  const [showHidden, setShowHidden] = useState(false);
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const list = usePagedList<T>(options.list, term, showHidden, PAGE_SIZE, options.filter ?? "");
  const { reload } = list;

  const openForm = useCallback((item: T | null) => setEditing({ item }), []);
  const closeForm = useCallback(() => setEditing(null), []);
  const saved = useCallback(
    (message?: Phrase | readonly Phrase[]) => {
      setEditing(null);
      reload();
      toast.show({ message: message ?? phrase("common.saved") });
    },
    [reload, toast],
  );

  return {
    prefix: options.prefix,
    search,
    setSearch,
    term,
    showHidden,
    setShowHidden,
    list,
    editing,
    openForm,
    closeForm,
    saved,
  };
}

export type ListScreenOptions<T extends Listed> = {
  prefix: ListPrefix;
  /** The `list_*` command: one page of rows for a search, with or without archived rows. */
  list: (query: ListQuery) => Promise<Page<T>>;
  archive: (id: string) => Promise<unknown>;
  restore: (id: string) => Promise<unknown>;
  /** How a row is named in the archived and restored notices. */
  nameOf: (item: T) => string;
  /** The screen's other filter as a key (see PagedScreenOptions). */
  filter?: string;
};

export type ListScreen<T extends Listed> = PagedScreen<T> & {
  prefix: ListPrefix;
  /** Archives a row and offers to undo it; a failure is a notice. */
  archive: (item: T) => Promise<void>;
  restore: (item: T) => Promise<void>;
};

export function useListScreen<T extends Listed>(options: ListScreenOptions<T>): ListScreen<T> {
  const { prefix, nameOf } = options;
  const toast = useToast();
  const screen = usePagedScreen({ prefix, list: options.list, filter: options.filter });
  const { reload } = screen.list;

  function reportFailure(reason: unknown) {
    toast.show({ message: errorPhrases(reason), error: true });
  }

  async function restore(item: T) {
    try {
      await options.restore(item.id);
      reload();
      toast.show({ message: phrase(listKey(prefix, "restoredToast"), { name: nameOf(item) }) });
    } catch (reason) {
      reportFailure(reason);
    }
  }

  async function archive(item: T) {
    try {
      await options.archive(item.id);
      reload();
      toast.show({
        message: phrase(listKey(prefix, "archivedToast"), { name: nameOf(item) }),
        undo: () => void restore(item),
      });
    } catch (reason) {
      reportFailure(reason);
    }
  }

  return { ...screen, prefix, archive, restore };
}
