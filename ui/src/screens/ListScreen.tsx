// The frame of a list screen around its own columns: title, toolbar, failure notice, loading and
// empty states, the table with edit/archive/restore on every row, the pager and the add/edit form.
// Test ids follow docs/ipc.md: `<prefix>-screen`, `<prefix>-empty`, `<row>-row` (with `data-id`),
// `<row>-edit`, `<row>-archive`, `<row>-restore`.
import type { ReactNode } from "react";
import { Pager } from "../components/Pager";
import type { Params } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError, ListToolbar } from "./ListToolbar";
import { listKey, type Listed, type ListMessage, type ListScreen } from "./useListScreen";

export function ListScreenView<T extends Listed>({
  screen,
  row,
  columns,
  cells,
  form,
}: {
  screen: ListScreen<T>;
  /** The test id prefix of a row and its buttons: "farmer", "product". */
  row: string;
  /** The header cells before the actions column. */
  columns: ReactNode;
  /** A row's cells before its actions. */
  cells: (item: T) => ReactNode;
  /** The add (null) or edit dialog. */
  form: (item: T | null) => ReactNode;
}) {
  const { t } = useI18n();
  const { prefix, list, term } = screen;
  const text = (message: ListMessage, params?: Params) => t(listKey(prefix, message), params);
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
        showArchived={screen.showArchived}
        onShowArchived={screen.setShowArchived}
        addLabel={text("add")}
        onAdd={() => screen.openForm(null)}
      />
      {list.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: list.error.message })} /> : null}
      {list.loading ? (
        <p className="muted">{t("common.loading")}</p>
      ) : list.items.length === 0 ? (
        <p className="empty" data-testid={`${prefix}-empty`}>
          {term ? text("emptySearch", { search: term }) : text("empty")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                {columns}
                <th className="col-actions">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} data-testid={`${row}-row`} data-id={item.id} className={item.archived ? "row-archived" : undefined}>
                  {cells(item)}
                  <td className="col-actions">
                    <div className="row-actions">
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
                    </div>
                  </td>
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
