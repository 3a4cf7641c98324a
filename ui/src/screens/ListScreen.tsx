// The frame of a list screen around its own columns: title, toolbar, failure notice, loading and
// empty states, the table, the pager and the open form (`PagedListView`); with edit/archive/restore
// on every row for farmers and products (`ListScreenView`).
// Test ids follow docs/ipc.md: `<prefix>-screen`, `<prefix>-empty`, `<row>-row` (with `data-id`),
// `<row>-edit`, `<row>-archive`, `<row>-restore`.
import type { ReactNode } from "react";
import { Pager } from "../components/Pager";
import type { Params } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError, ListToolbar } from "./ListToolbar";
import { listKey, screenKey, type Listed, type ListScreen, type PagedScreen, type Row, type ScreenMessage } from "./useListScreen";

/** Extra attributes of a row: a class (its colour) and `data-*` attributes the tests read. */
export type RowAttributes = { className?: string | undefined } & { [data: `data-${string}`]: string | undefined };

export function PagedListView<T extends Row>({
  screen,
  row,
  filter,
  toolbar,
  addLabel,
  columns,
  cells,
  rowAttributes,
  actions,
  form,
  empty,
  onRowClick,
}: {
  screen: PagedScreen<T>;
  /** The test id prefix of a row and its buttons: "farmer", "lot". */
  row: string;
  /** The switch for the rows hidden by default: its test id suffix ("show-archived") and label. */
  filter?: { name: string; label: string };
  /** More filters in the toolbar, after the switch (a select of product kinds). */
  toolbar?: ReactNode;
  /** The add button's label; no add button without it. */
  addLabel?: string;
  /** The header cells before the actions column. */
  columns: ReactNode;
  /** A row's cells before its actions. */
  cells: (item: T) => ReactNode;
  rowAttributes?: (item: T) => RowAttributes;
  /** A row's buttons; no actions column without them. */
  actions?: (item: T) => ReactNode;
  /** The add (null) or row dialog. */
  form: (item: T | null) => ReactNode;
  /**
   * What an empty list says instead of the screen's `empty` / `emptySearch` messages: when other
   * filters are set too, or with a button to add the first row.
   */
  empty?: ReactNode;
  /** Opens a row (an order's dialog) on a click anywhere in it but its own buttons and inputs. */
  onRowClick?: (item: T) => void;
}) {
  const { t } = useI18n();
  const { prefix, list, term } = screen;
  const text = (message: ScreenMessage, params?: Params) => t(screenKey(prefix, message), params);
  return (
    <section className="screen" data-testid={`${prefix}-screen`} aria-labelledby={`${prefix}-title`}>
      <header className="screen-header">
        <h1 id={`${prefix}-title`}>{text("title")}</h1>
        <p className="screen-intro">{text("intro")}</p>
      </header>
      <ListToolbar
        prefix={prefix}
        search={screen.search}
        onSearch={screen.setSearch}
        searchPlaceholder={text("searchPlaceholder")}
        filter={filter ? { ...filter, checked: screen.showHidden, onChange: screen.setShowHidden } : undefined}
        extra={toolbar}
        add={addLabel ? { label: addLabel, onAdd: () => screen.openForm(null) } : undefined}
      />
      {list.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: list.error.message })} /> : null}
      {list.loading ? (
        <p className="muted">{t("common.loading")}</p>
      ) : list.items.length === 0 ? (
        <div className="empty" data-testid={`${prefix}-empty`}>
          {empty ?? (term ? text("emptySearch", { search: term }) : text("empty"))}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                {columns}
                {actions ? <th className="col-actions">{t("common.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr
                  key={item.id}
                  data-testid={`${row}-row`}
                  data-id={item.id}
                  {...rowAttributes?.(item)}
                  onClick={onRowClick ? (e) => {
                    // Its own controls (and the cell around a row checkbox) do their own thing.
                    if (!(e.target instanceof Element) || !e.target.closest("button, input, select, textarea, a, label, .col-select")) onRowClick(item);
                  } : undefined}
                >
                  {cells(item)}
                  {actions ? (
                    <td className="col-actions">
                      <div className="row-actions">{actions(item)}</div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={list.offset} limit={list.limit} total={list.total} onOffset={list.setOffset} />
      {screen.editing ? form(screen.editing.item) : null}
    </section>
  );
}

export function ListScreenView<T extends Listed>({
  screen,
  row,
  toolbar,
  columns,
  cells,
  form,
}: {
  screen: ListScreen<T>;
  /** The test id prefix of a row and its buttons: "farmer", "product". */
  row: string;
  /** More filters in the toolbar, after "show archived". */
  toolbar?: ReactNode;
  /** The header cells before the actions column. */
  columns: ReactNode;
  /** A row's cells before its actions. */
  cells: (item: T) => ReactNode;
  /** The add (null) or edit dialog. */
  form: (item: T | null) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <PagedListView
      screen={screen}
      row={row}
      filter={{ name: "show-archived", label: t("common.showArchived") }}
      toolbar={toolbar}
      addLabel={t(listKey(screen.prefix, "add"))}
      columns={columns}
      cells={cells}
      rowAttributes={(item) => ({ className: item.archived ? "row-archived" : undefined })}
      actions={(item) => (
        <>
          <button type="button" className="btn btn-small btn-secondary" data-testid={`${row}-edit`} onClick={() => screen.openForm(item)}>
            {t("common.edit")}
          </button>
          {item.archived ? (
            <button type="button" className="btn btn-small btn-secondary" data-testid={`${row}-restore`} onClick={() => void screen.restore(item)}>
              {t("common.restore")}
            </button>
          ) : (
            <button type="button" className="btn btn-small btn-quiet" data-testid={`${row}-archive`} onClick={() => void screen.archive(item)}>
              {t("common.archive")}
            </button>
          )}
        </>
      )}
      form={form}
    />
  );
}
