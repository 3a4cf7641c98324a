// Previous/next paging for lists that the database pages; shown only when there is more than one page.
import { useI18n } from "../i18nContext";

export function Pager({
  offset,
  limit,
  total,
  onOffset,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useI18n();
  if (total <= limit) return null;
  const from = Math.min(offset + 1, total);
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      <button
        type="button"
        className="btn btn-secondary"
        data-testid="pager-prev"
        disabled={offset <= 0}
        onClick={() => onOffset(Math.max(0, offset - limit))}
      >
        {t("pager.prev")}
      </button>
      <span className="pager-info" data-testid="pager-info">
        {t("pager.info", { from, to, total })}
      </span>
      <button
        type="button"
        className="btn btn-secondary"
        data-testid="pager-next"
        disabled={offset + limit >= total}
        onClick={() => onOffset(offset + limit)}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
