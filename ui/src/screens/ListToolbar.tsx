// Search box, "show archived" switch and add button shared by the list screens.
import { SearchIcon } from "../components/Icons";
import { useI18n } from "../i18nContext";

export function ListToolbar({
  prefix,
  search,
  onSearch,
  searchPlaceholder,
  showArchived,
  onShowArchived,
  addLabel,
  onAdd,
}: {
  /** "farmers" or "products": the test id prefix. */
  prefix: string;
  search: string;
  onSearch: (value: string) => void;
  searchPlaceholder: string;
  showArchived: boolean;
  onShowArchived: (value: boolean) => void;
  addLabel: string;
  onAdd: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="toolbar">
      <div className="search">
        <span className="search-icon">
          <SearchIcon />
        </span>
        <input
          type="search"
          data-testid={`${prefix}-search`}
          aria-label={t("common.search")}
          placeholder={searchPlaceholder}
          value={search}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      <label className="checkbox toolbar-check">
        <input
          type="checkbox"
          data-testid={`${prefix}-show-archived`}
          checked={showArchived}
          onChange={(e) => onShowArchived(e.target.checked)}
        />
        <span>{t("common.showArchived")}</span>
      </label>
      <div className="toolbar-spacer" />
      <button type="button" className="btn btn-primary" data-testid={`${prefix}-add`} onClick={onAdd}>
        <span aria-hidden="true" className="btn-plus">
          +
        </span>
        {addLabel}
      </button>
    </div>
  );
}

/** Marks an archived row, after its name; active rows need no mark. */
export function ArchivedBadge() {
  const { t } = useI18n();
  return <span className="badge badge-archived">{t("common.archived")}</span>;
}

export function ListError({ text, detail }: { text: string; detail: string }) {
  return (
    <div className="list-error" data-testid="list-error" role="alert">
      <div>{text}</div>
      <div className="form-error-detail">{detail}</div>
    </div>
  );
}
