// The state and actions of a list screen (farmers, products, and the lists to come): a debounced
// search, the "show archived" switch, one page of the list as the database pages it, archive with
// an undo notice, restore, and which row the add/edit form is open for.
import { useCallback, useState } from "react";
import type { ListQuery } from "../bindings";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { phrase, type MessageKey } from "../i18n";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue, usePagedList, type Page, type PagedList } from "../hooks";

/** What a list screen shows a row of: the list commands return these. */
export type Listed = { id: string; archived: boolean };

/** The messages every list screen has under its prefix: `farmers.title`, `farmers.empty`, … */
export type ListMessage =
  | "title"
  | "intro"
  | "searchPlaceholder"
  | "add"
  | "empty"
  | "emptySearch"
  | "archivedToast"
  | "restoredToast";

/**
 * A prefix ("farmers", "products") under which the locale files hold every ListMessage; it also
 * names the screen's test ids (`farmers-screen`, `farmers-search`, `farmers-empty`, …).
 */
export type ListPrefix = {
  [K in MessageKey]: K extends `${infer P}.title` ? (`${P}.${ListMessage}` extends MessageKey ? P : never) : never;
}[MessageKey];

export function listKey(prefix: ListPrefix, message: ListMessage): MessageKey {
  return `${prefix}.${message}`;
}

export type ListScreenOptions<T extends Listed> = {
  prefix: ListPrefix;
  /** The `list_*` command: one page of rows for a search, with or without archived rows. */
  list: (query: ListQuery) => Promise<Page<T>>;
  archive: (id: string) => Promise<unknown>;
  restore: (id: string) => Promise<unknown>;
  /** How a row is named in the archived and restored notices. */
  nameOf: (item: T) => string;
};

export type ListScreen<T extends Listed> = {
  prefix: ListPrefix;
  /** The search box as typed. */
  search: string;
  setSearch: (search: string) => void;
  /** The trimmed search the list is filtered by, a pause after the last keystroke. */
  term: string;
  showArchived: boolean;
  setShowArchived: (show: boolean) => void;
  list: PagedList<T>;
  /** Archives a row and offers to undo it; a failure is a notice. */
  archive: (item: T) => Promise<void>;
  restore: (item: T) => Promise<void>;
  /** The add (item null) or edit form that is open, if any. */
  editing: { item: T | null } | null;
  openForm: (item: T | null) => void;
  closeForm: () => void;
  /** After the form saved: closes it, reloads the page and says so. */
  saved: () => void;
};

export function useListScreen<T extends Listed>(options: ListScreenOptions<T>): ListScreen<T> {
  const { prefix, nameOf } = options;
  const toast = useToast();
  const [search, setSearch] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const list = usePagedList(options.list, term, showArchived);
  const { reload } = list;

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

  const openForm = useCallback((item: T | null) => setEditing({ item }), []);
  const closeForm = useCallback(() => setEditing(null), []);
  const saved = useCallback(() => {
    setEditing(null);
    reload();
    toast.show({ message: phrase("common.saved") });
  }, [reload, toast]);

  return {
    prefix,
    search,
    setSearch,
    term,
    showArchived,
    setShowArchived,
    list,
    archive,
    restore,
    editing,
    openForm,
    closeForm,
    saved,
  };
}
