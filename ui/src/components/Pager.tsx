// Previous/next paging for lists that the database pages; shown only when there is more than one page.
import { useRef } from "react";
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
  const nav = useRef<HTMLElement>(null);
  if (total <= limit) return null;
  // The buttons sit under the list: the new page is read from its top, not from where the old one ended.
  const go = (next: number) => {
    onOffset(next);
    nav.current?.closest("section")?.scrollIntoView?.({ block: "start" });
  };
  const from = Math.min(offset + 1, total);
  const to = Math.min(offset + limit, total);
  return (
    <nav ref={nav} className="pager" aria-label={t("pager.label")}>
      <button
        type="button"
        className="btn btn-secondary"
        data-testid="pager-prev"
        disabled={offset <= 0}
        onClick={() => go(Math.max(0, offset - limit))}
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
        onClick={() => go(offset + limit)}
      >
        {t("pager.next")}
      </button>
    </nav>
  );
}
