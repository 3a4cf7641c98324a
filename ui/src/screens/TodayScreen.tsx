// Today (今日): the screen the app opens on. One card per thing that needs doing or watching — orders to
// ship, lots about to expire, products to reorder, money owed to farmers, work not yet recorded, what
// was sold today and this month, and how the sync stands — each opening the list behind it. On the demo
// shop a note above them offers to clear the demo and start the owner's own shop (DemoBanner).
import { useEffect, useState, type ReactNode } from "react";
import * as api from "../api";
import { toApiError } from "../api";
import type { TodayDto } from "../bindings";
import { formatMoney, trimDecimal, unitLabel } from "../format";
import { useI18n } from "../i18nContext";
import { DemoBanner } from "./DemoBanner";

/** Where a card leads. */
export type TodayTarget = "to-ship" | "expiring" | "low-stock" | "owed" | "work" | "sales" | "sync";

function Card({
  id,
  title,
  figure,
  tone = "plain",
  children,
  action,
  onOpen,
}: {
  id: TodayTarget;
  title: string;
  figure: ReactNode;
  tone?: "plain" | "warn" | "good";
  children?: ReactNode;
  /** What opening the card does, when "打开" says too little ("去记工"). */
  action?: string;
  onOpen: (target: TodayTarget) => void;
}) {
  const { t } = useI18n();
  return (
    <button type="button" className={`today-card today-${tone}`} data-testid={`today-card-${id}`} onClick={() => onOpen(id)}>
      <span className="today-card-title">{title}</span>
      <span className="today-figure">{figure}</span>
      <span className="today-card-body">{children}</span>
      <span className="today-open" aria-hidden="true">
        {action ?? t("today.open")} ›
      </span>
    </button>
  );
}

export function TodayScreen({
  initial,
  isDemo,
  onOpen,
  onLoaded,
}: {
  /** The figures the start brought: shown at once, not asked again. */
  initial?: TodayDto;
  /** The shop is the demo: the note offering to clear it shows above the cards. */
  isDemo: boolean;
  onOpen: (target: TodayTarget) => void;
  onLoaded?: (today: TodayDto) => void;
}) {
  const { t, language } = useI18n();
  const [today, setToday] = useState<TodayDto | null>(initial ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (initial) {
      onLoaded?.(initial);
      return;
    }
    let current = true;
    api.today().then(
      (data) => {
        if (!current) return;
        setToday(data);
        onLoaded?.(data);
      },
      (reason: unknown) => {
        if (current) setError(toApiError(reason).message);
      },
    );
    return () => {
      current = false;
    };
    // Asked once per opening of the screen (unless the start brought it); `onLoaded` only passes the counts on.
  }, []);

  const header = (
    <header className="screen-header">
      <h1 id="today-title">{t("today.title")}</h1>
      {today ? <p className="screen-intro">{t("today.intro", { date: today.today })}</p> : null}
    </header>
  );
  if (error !== null) {
    return (
      <section className="screen" data-testid="today-screen" aria-labelledby="today-title">
        {header}
        <p className="form-error" role="alert">
          {t("today.failed")} {error}
        </p>
      </section>
    );
  }
  if (today === null) {
    return (
      <section className="screen" data-testid="today-screen" aria-labelledby="today-title" aria-busy="true">
        {header}
        <p className="cell-muted">{t("app.loading")}</p>
      </section>
    );
  }

  const waited = today.oldestToShipHours;
  const waitedText =
    waited === null ? "" : waited >= 48 ? t("today.toShip.waitedDays", { days: Math.floor(waited / 24) }) : t("today.toShip.waitedHours", { hours: waited });
  const s = today.sync;
  const syncBad = s.lastError !== "" || s.parked > 0 || s.alerts > 0;
  const never = s.lastSuccessAt === null && s.lastAttemptAt === null;

  return (
    <section className="screen" data-testid="today-screen" aria-labelledby="today-title">
      {header}
      {isDemo ? <DemoBanner /> : null}
      <div className="today-grid">
        <Card id="to-ship" title={t("today.toShip.title")} figure={today.toShip} tone={today.overdue > 0 ? "warn" : "plain"} onOpen={onOpen}>
          {today.toShip === 0 ? (
            t("today.toShip.none")
          ) : (
            <>
              {waitedText}
              {today.overdue > 0 ? <strong className="today-alert">{t("today.toShip.overdue", { count: today.overdue })}</strong> : null}
            </>
          )}
        </Card>

        <Card id="expiring" title={t("today.expiring.title")} figure={today.expiringCount} tone={today.expiringCount > 0 ? "warn" : "plain"} onOpen={onOpen}>
          {today.expiring.length === 0 ? (
            t("today.expiring.none")
          ) : (
            <ul className="today-list">
              {today.expiring.slice(0, 3).map((lot) => (
                <li key={lot.lotId} data-testid="today-expiring-lot">
                  <span className="today-name">
                    {language === "en" && lot.productNameEn ? lot.productNameEn : lot.productName}
                    {lot.grade ? ` · ${lot.grade}` : ""}
                  </span>{" "}
                  <span className="cell-muted">
                    {lot.daysLeft < 0
                      ? t("today.expiring.past")
                      : lot.daysLeft === 0
                        ? t("today.expiring.todayLast")
                        : t("today.expiring.days", { days: lot.daysLeft })}
                    {" · "}
                    {lot.suggestion === "pack_first"
                      ? t("today.expiring.promised", { quantity: trimDecimal(lot.reserved), unit: unitLabel(lot.stockUnit, language) })
                      : `${trimDecimal(lot.available)} ${unitLabel(lot.stockUnit, language)}`}
                  </span>{" "}
                  <span className={`today-suggest today-suggest-${lot.suggestion}`}>{t(`today.suggest.${lot.suggestion}` as "today.suggest.sell_first")}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card id="low-stock" title={t("today.low.title")} figure={today.lowStock} tone={today.lowStock > 0 ? "warn" : "plain"} onOpen={onOpen}>
          {today.lowStock === 0 ? t("today.low.none") : t("today.low.some")}
        </Card>

        <Card id="owed" title={t("today.owed.title")} figure={formatMoney(today.owed)} onOpen={onOpen}>
          {today.longestOwed === null ? (
            t("today.owed.none")
          ) : (
            <>
              {t("today.owed.farmers", { count: today.owedFarmers })}
              <br />
              {t("today.owed.longest", {
                name: today.longestOwed.farmerName,
                days: today.longestOwed.days,
                amount: formatMoney(today.longestOwed.balance),
              })}
            </>
          )}
        </Card>

        <Card id="work" title={t("today.work.title")} figure={today.workMissing.length} tone={today.workMissing.length > 0 ? "warn" : "good"} action={t("today.work.open")} onOpen={onOpen}>
          {today.workMissing.length === 0 ? t("today.work.none") : t("today.work.missing", { names: today.workMissing.join("、") })}
        </Card>

        <Card id="sales" title={t("today.sales.title")} figure={formatMoney(today.salesToday.revenue)} tone="good" onOpen={onOpen}>
          {t("today.sales.today", { orders: today.salesToday.orders, gross: formatMoney(today.salesToday.grossProfit) })}
          <br />
          {t("today.sales.month", {
            revenue: formatMoney(today.salesMonth.revenue),
            gross: formatMoney(today.salesMonth.grossProfit),
            orders: today.salesMonth.orders,
          })}
          {today.monthWithoutGoodsCost > 0 ? (
            <>
              <br />
              <span className="cell-muted" data-testid="today-without-cost">
                {t("today.sales.withoutCost", { count: today.monthWithoutGoodsCost })}
              </span>
            </>
          ) : null}
        </Card>

        <Card id="sync" title={t("today.sync.title")} figure={never ? "—" : syncBad ? "!" : "✓"} tone={never ? "plain" : syncBad ? "warn" : "good"} onOpen={onOpen}>
          {never
            ? t("today.sync.never")
            : s.lastError !== ""
              ? t("today.sync.failed")
              : t("today.sync.ok", { pending: s.pending })}
          {s.alerts > 0 ? (
            <>
              <br />
              {t("today.sync.alerts", { count: s.alerts })}
            </>
          ) : null}
        </Card>
      </div>
    </section>
  );
}
