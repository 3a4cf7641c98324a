// Reports (报表): what sold and earned, the month's profit, the stock of each product, what to reorder,
// what was lost each month, what was bought from each farmer each month, and the cost book. Only the open tab is drawn, so a tab asks the
// database for its report each time it is opened.
import { lazy, Suspense, useRef, useState, type KeyboardEvent, type ReactElement } from "react";
import type { PurchaseInput } from "../bindings";
import type { SalesBy } from "./SalesTab";
import type { MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { ProfitTab, type ProfitTarget } from "./ProfitTab";
import { ExpensesTab } from "./ExpensesTab";
import { PurchasesReportTab } from "./PurchasesReportTab";
import { SpoilageTab } from "./SpoilageTab";
import { LowStockTab, StockTab } from "./StockReports";

// The tabs with charts load ECharts with them, not with the window's first screen.
const SalesTab = lazy(() => import("./SalesTab").then((m) => ({ default: m.SalesTab })));
const PlanTab = lazy(() => import("./PlanTab").then((m) => ({ default: m.PlanTab })));

export const REPORT_TABS = ["sales", "profit", "plan", "stock", "low", "spoilage", "purchases", "expenses"] as const;

export type ReportTab = (typeof REPORT_TABS)[number];

const TAB_TEXT: Readonly<Record<ReportTab, { label: MessageKey; intro: MessageKey }>> = {
  sales: { label: "report.tab.sales", intro: "report.sales.intro" },
  profit: { label: "report.tab.profit", intro: "report.profit.intro" },
  plan: { label: "report.tab.plan", intro: "report.plan.intro" },
  stock: { label: "report.tab.stock", intro: "report.stock.intro" },
  low: { label: "report.tab.low", intro: "report.low.intro" },
  spoilage: { label: "report.tab.spoilage", intro: "report.spoilage.intro" },
  purchases: { label: "report.tab.purchases", intro: "report.purchases.intro" },
  expenses: { label: "report.tab.expenses", intro: "report.expenses.intro" },
};

/** Where a report leads outside the reports: the orders (sold ones, with `sold`) of some days, the month's pay. */
export type ReportLink = { screen: "orders"; from: string; to: string; sold?: boolean } | { screen: "payroll" } | { screen: "purchases"; draft: PurchaseInput };

/**
 * The tab (and the profit's month) a report link left from: opening the reports again goes back
 * there once, as a person coming back from the records behind a figure expects.
 */
let cameFrom: { tab: ReportTab; profitMonth?: string; sales?: SalesPreset } | null = null;

type PanelMonths = { expenses?: string; spoilage?: string; profit?: string };

/** What a tab was last set to while the reports are open, so going back to it shows the same. */
type Remembered = { sales?: SalesPreset; profit?: string };

/** Where the sales tab opens: a grouping and its days (Today's sales card: this month by day). */
export type SalesPreset = { by: SalesBy; from: string; to: string };

function panel(
  tab: ReportTab,
  openProfit: (target: ProfitTarget) => void,
  months: PanelMonths,
  onDraft: (draft: PurchaseInput) => void,
  sales: SalesPreset | undefined,
  remember: (r: Remembered) => void,
): ReactElement {
  switch (tab) {
    case "sales":
      return <SalesTab {...sales} onQuery={(q) => remember({ sales: q })} />;
    case "profit":
      return <ProfitTab onOpen={openProfit} initialMonth={months.profit} onMonth={(m) => remember({ profit: m })} />;
    case "plan":
      return <PlanTab onDraft={onDraft} />;
    case "stock":
      return <StockTab />;
    case "low":
      return <LowStockTab />;
    case "spoilage":
      return <SpoilageTab initialMonth={months.spoilage} />;
    case "purchases":
      return <PurchasesReportTab />;
    case "expenses":
      return <ExpensesTab initialMonth={months.expenses} />;
  }
}

export function ReportsScreen({ initialTab, onLink, sales }: { initialTab?: ReportTab; onLink?: (link: ReportLink) => void; sales?: SalesPreset }) {
  const { t } = useI18n();
  // Back from a link: the tab it left from, once; a tab asked for by the caller wins.
  const [back] = useState(() => {
    const b = cameFrom;
    cameFrom = null;
    return b;
  });
  const [tab, setTab] = useState<ReportTab>(initialTab ?? back?.tab ?? "sales");
  const [months, setMonths] = useState<PanelMonths>({ profit: back?.profitMonth });
  const [remembered, setRemembered] = useState<Remembered>({ sales: back?.sales, profit: back?.profitMonth });
  const remember = (r: Remembered) => setRemembered((was) => ({ ...was, ...r }));

  function follow(link: ReportLink, profitMonth?: string) {
    cameFrom = { tab, profitMonth: profitMonth ?? remembered.profit, sales: remembered.sales };
    onLink?.(link);
  }

  function open(next: ReportTab) {
    // A tab opened again shows what it was last set to (and asks for its report afresh).
    setMonths((m) => ({ ...m, profit: remembered.profit }));
    setTab(next);
  }

  function openProfit(target: ProfitTarget) {
    if (target.kind === "spoilage") {
      setMonths({ spoilage: target.month, profit: target.month });
      setTab("spoilage");
    } else if (target.kind === "orders") follow({ screen: "orders", from: target.from, to: target.to, sold: true }, target.month);
    else if (target.kind === "wages") follow({ screen: "payroll" }, target.month);
    else {
      setMonths({ expenses: target.month, profit: target.month });
      setTab("expenses");
    }
  }
  const tabs = useRef<Partial<Record<ReportTab, HTMLButtonElement | null>>>({});

  // Arrow keys move between the tabs, as in any tab list.
  function onKeyDown(e: KeyboardEvent) {
    const i = REPORT_TABS.indexOf(tab);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    const target = e.key === "Home" ? REPORT_TABS[0] : e.key === "End" ? REPORT_TABS[REPORT_TABS.length - 1] : step !== 0 ? REPORT_TABS[(i + step + REPORT_TABS.length) % REPORT_TABS.length] : undefined;
    if (!target) return;
    e.preventDefault();
    open(target);
    tabs.current[target]?.focus();
  }

  return (
    <section className="screen" data-testid="reports-screen" aria-labelledby="reports-title">
      <header className="screen-header">
        <h1 id="reports-title">{t("reports.title")}</h1>
        <p className="screen-intro">{t("reports.intro")}</p>
      </header>
      <div className="tabs" role="tablist" aria-label={t("reports.tabsLabel")} onKeyDown={onKeyDown}>
        {REPORT_TABS.map((id) => (
          <button
            key={id}
            ref={(el) => {
              tabs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`reports-tab-${id}`}
            className="tab"
            data-testid={`reports-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="reports-panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => open(id)}
          >
            {t(TAB_TEXT[id].label)}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id="reports-panel" aria-labelledby={`reports-tab-${tab}`} data-tab={tab}>
        <p className="screen-intro report-intro">{t(TAB_TEXT[tab].intro)}</p>
        {/* A key per tab: opening a tab again starts it afresh and asks for its report again. */}
        <div key={tab}>
          <Suspense fallback={<p className="cell-muted">{t("app.loading")}</p>}>
            {panel(tab, openProfit, months, (draft) => follow({ screen: "purchases", draft }), remembered.sales ?? sales, remember)}
          </Suspense>
        </div>
      </div>
    </section>
  );
}
