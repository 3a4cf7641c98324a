// Search box, the switch for the rows hidden by default ("show archived", "show used-up lots") and
// the add button shared by the list screens.
import type { ReactNode } from "react";
import { SearchIcon } from "../components/Icons";
import { useI18n } from "../i18nContext";

export function ListToolbar({
  prefix,
  search,
  onSearch,
  searchPlaceholder,
  filter,
  extra,
  add,
}: {
  /** "farmers", "stock", …: the test id prefix. */
  prefix: string;
  search: string;
  onSearch: (value: string) => void;
  searchPlaceholder: string;
  /** The checkbox `<prefix>-<name>` ("show-archived"), if the screen has one. */
  filter?: { name: string; label: string; checked: boolean; onChange: (value: boolean) => void } | undefined;
  /** More filters of the screen (a select of product kinds), after the switch. */
  extra?: ReactNode;
  /** The button `<prefix>-add`, if the screen adds rows. */
  add?: { label: string; onAdd: () => void } | undefined;
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
          onKeyDown={(e) => {
            // A barcode scanner types the code and ends with Enter: keep what it typed and select
            // it, so that the next scan (or typing) replaces it instead of adding to it.
            if (e.key === "Enter") {
              e.preventDefault();
              e.currentTarget.select();
            }
          }}
        />
      </div>
      {filter ? (
        <label className="checkbox toolbar-check">
          <input
            type="checkbox"
            data-testid={`${prefix}-${filter.name}`}
            checked={filter.checked}
            onChange={(e) => filter.onChange(e.target.checked)}
          />
          <span>{filter.label}</span>
        </label>
      ) : null}
      {extra}
      <div className="toolbar-spacer" />
      {add ? (
        <button type="button" className="btn btn-primary" data-testid={`${prefix}-add`} onClick={add.onAdd}>
          <span aria-hidden="true" className="btn-plus">
            +
          </span>
          {add.label}
        </button>
      ) : null}
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

/** A select among the toolbar's filters (`products-kind`, `stock-expiring`), with its label in front. */
export function ToolbarSelect({
  testId,
  label,
  value,
  onChange,
  options,
}: {
  testId: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <label className="toolbar-select">
      <span>{label}</span>
      <span className="select-wrap">
        <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </span>
    </label>
  );
}
