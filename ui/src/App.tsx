// The application shell: startup (one `start` call, database error, welcome), the sidebar and the
// screens. The first screens (Today, welcome, errors) and the frame are in the start's bundle; every
// other screen is loaded when first opened (and fetched while the window is idle after the start).
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactElement } from "react";
import * as api from "./api";
import type { AppStatus, CrashNotice, Language, PurchaseInput, ShopProfile, StartDto } from "./bindings";
import { LeaveGuardProvider, useGuardedLeave } from "./components/DiscardGuard";
import { BasketIcon, BoxesIcon, ChartIcon, ClipboardIcon, FoldIcon, LeafIcon, OrdersIcon, PayIcon, PeopleIcon, PotIcon, ScanIcon, ShopIcon, SafeIcon, SunIcon, SyncIcon, TruckIcon, WalletIcon } from "./components/Icons";
import { MemberSwitch } from "./components/MemberSwitch";
import { SyncIndicator } from "./components/SyncIndicator";
import { ToastProvider, useToast } from "./components/Toast";
import { errorPhrases, problemOf, type FormProblem } from "./formErrors";
import { phrase, rememberLanguage, rememberedLanguage, type MessageKey } from "./i18n";
import { I18nProvider, useI18n } from "./i18nContext";
import { takeLeftDemo } from "./leftDemo";
import { DbErrorScreen, StartupErrorScreen } from "./screens/ErrorScreen";
import type { OrderFilters } from "./screens/OrdersScreen";
import type { PayrollView } from "./screens/PayrollScreen";
import type { ReportTab, SalesPreset } from "./screens/ReportsScreen";
import { todayInShanghai } from "./format";
import { loadSidebarChoice, saveSidebarChoice, sidebarFolded, windowCramped, type SidebarChoice } from "./sidebar";
import { applyTextSize, loadTextSize, stepTextSize, TEXT_SIZES, type TextSize } from "./textSize";
import { TodayScreen, type TodayTarget } from "./screens/TodayScreen";
import { useSidebarSync } from "./screens/useSyncData";
import { WelcomeScreen } from "./screens/WelcomeScreen";
import { restoredNotice } from "./screens/backupText";

// The screens opened later, each its own chunk.
const LATER = {
  backup: () => import("./screens/BackupScreen"),
  count: () => import("./screens/CountScreen"),
  farmers: () => import("./screens/FarmersScreen"),
  orders: () => import("./screens/OrdersScreen"),
  payables: () => import("./screens/PayablesScreen"),
  payroll: () => import("./screens/PayrollScreen"),
  production: () => import("./screens/ProductionScreen"),
  products: () => import("./screens/ProductsScreen"),
  purchases: () => import("./screens/PurchasesScreen"),
  reports: () => import("./screens/ReportsScreen"),
  scanShip: () => import("./screens/ScanShipScreen"),
  shop: () => import("./screens/ShopScreen"),
  stock: () => import("./screens/StockScreen"),
  sync: () => import("./screens/SyncScreen"),
};
const BackupScreen = lazy(() => LATER.backup().then((m) => ({ default: m.BackupScreen })));
const CountScreen = lazy(() => LATER.count().then((m) => ({ default: m.CountScreen })));
const FarmersScreen = lazy(() => LATER.farmers().then((m) => ({ default: m.FarmersScreen })));
const OrdersScreen = lazy(() => LATER.orders().then((m) => ({ default: m.OrdersScreen })));
const PayablesScreen = lazy(() => LATER.payables().then((m) => ({ default: m.PayablesScreen })));
const PayrollScreen = lazy(() => LATER.payroll().then((m) => ({ default: m.PayrollScreen })));
const ProductionScreen = lazy(() => LATER.production().then((m) => ({ default: m.ProductionScreen })));
const ProductsScreen = lazy(() => LATER.products().then((m) => ({ default: m.ProductsScreen })));
const PurchasesScreen = lazy(() => LATER.purchases().then((m) => ({ default: m.PurchasesScreen })));
const ReportsScreen = lazy(() => LATER.reports().then((m) => ({ default: m.ReportsScreen })));
const ScanShipScreen = lazy(() => LATER.scanShip().then((m) => ({ default: m.ScanShipScreen })));
const ShopScreen = lazy(() => LATER.shop().then((m) => ({ default: m.ShopScreen })));
const StockScreen = lazy(() => LATER.stock().then((m) => ({ default: m.StockScreen })));
const SyncScreen = lazy(() => LATER.sync().then((m) => ({ default: m.SyncScreen })));

/** How long after the first screen the other screens' chunks are fetched, so none waits when opened. */
const PREFETCH_AFTER_MS = 3000;

/** Loads every later screen's chunk (a failure is tried again when the screen is opened). */
export function prefetchScreens(): Promise<unknown> {
  return Promise.all(Object.values(LATER).map((load) => load().catch(() => undefined)));
}

/** While a screen's chunk loads: nothing at first, a quiet word only if it takes a while (CSS). */
function ScreenWait() {
  const { t } = useI18n();
  return (
    <div className="screen-wait calm-wait" role="status" aria-busy="true" data-testid="screen-wait">
      <span className="spinner" aria-hidden="true" />
      {t("app.loading")}
    </div>
  );
}

type Phase =
  | { name: "loading" }
  | { name: "startupError"; message: string }
  | { name: "dbError"; message: string; dbPath: string; kind: AppStatus["openErrorKind"] }
  | { name: "welcome" }
  | { name: "setup" }
  /** The backups, opened from the welcome or the database-error screen (`from` leads back). */
  | { name: "backups"; from: Phase }
  | { name: "main" };

/** How long the notice of last time's crash stays up: long enough to read a path and decide. */
const CRASH_NOTICE_MS = 30_000;

export type Screen = "today" | "shop" | "farmers" | "products" | "orders" | "scan-ship" | "sync" | "purchases" | "stock" | "count" | "payables" | "payroll" | "production" | "reports" | "backup";

/**
 * The app. `starting` is the `start` call when it was made before React rendered (main.tsx), so that
 * the first data is on its way while the bundle still runs; without it the app asks itself.
 */
export function App({ starting }: { starting?: Promise<StartDto> } = {}) {
  // The language this PC last showed, until `start` says which one the shop has (almost always
  // the same): its locale file is the one loaded while the first data is asked for.
  const [language, setLanguage] = useState<Language>(rememberedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    rememberLanguage(language);
  }, [language]);
  return (
    <I18nProvider language={language}>
      <ToastProvider>
        <LeaveGuardProvider>
          <Shell language={language} setLanguage={setLanguage} starting={starting} />
        </LeaveGuardProvider>
      </ToastProvider>
    </I18nProvider>
  );
}

function Shell({ language, setLanguage, starting }: { language: Language; setLanguage: (language: Language) => void; starting?: Promise<StartDto> }) {
  const { t } = useI18n();
  const toast = useToast();
  // Leaving a screen whose form holds unsaved edits asks first.
  const leave = useGuardedLeave();
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [screen, setScreen] = useState<Screen>("today");
  // Where a card of the Today screen leads: the orders list filtered, a report's tab.
  const [ordersPreset, setOrdersPreset] = useState<Partial<OrderFilters> | undefined>(undefined);
  const [reportTab, setReportTab] = useState<ReportTab | undefined>(undefined);
  const [salesPreset, setSalesPreset] = useState<SalesPreset | undefined>(undefined);
  const [stockExpiring, setStockExpiring] = useState<number | null>(null);
  const [purchaseDraft, setPurchaseDraft] = useState<PurchaseInput | undefined>(undefined);
  const [payrollView, setPayrollView] = useState<PayrollView | undefined>(undefined);
  // What needs doing, beside the sidebar's entries; asked again whenever the screen changes.
  const [counts, setCounts] = useState<{ toShip: number; expiring: number; low: number } | null>(null);
  // The demo chosen from the welcome screen to try the order import: the Orders screen opens on it once.
  const [openImport, setOpenImport] = useState(false);
  // What `start` answered, for the first screen and the frame to show without asking again; gone
  // once the person moves on (Today asks afresh when opened again).
  const [first, setFirst] = useState<StartDto | null>(null);
  const [shopName, setShopName] = useState<string | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);
  const [welcomeError, setWelcomeError] = useState<FormProblem | null>(null);
  // The sidebar's sign of how sync stands; the sync screen, while open, keeps it up to date itself.
  const sync = useSidebarSync(phase.name === "main" && screen !== "sync");
  const tellSync = sync.tell;

  // The main pane is one scroller shared by every screen: a new screen starts at its top, not where
  // the last one was left. A layout effect, so it runs before a screen's own effects bring a part of
  // it into view (pay's week of work from Today) and before the first paint of the new screen.
  const mainPane = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (mainPane.current) mainPane.current.scrollTop = 0;
  }, [screen, phase.name]);

  useEffect(() => {
    // On Today, the screen's own answer gives the counts (one call on the start path, not two).
    if (phase.name !== "main" || screen === "today") return;
    let current = true;
    api.today().then(
      (d) => {
        if (current) setCounts({ toShip: d.toShip, expiring: d.expiringCount, low: d.lowStock });
      },
      () => {
        if (current) setCounts(null); // the counts are a nicety; the screens report real failures
      },
    );
    return () => {
      current = false;
    };
  }, [phase.name, screen]);

  // 大字: the text size of this PC, from the sidebar or Ctrl+= / Ctrl+- / Ctrl+0.
  const [textSize, setTextSize] = useState<TextSize>(loadTextSize);
  useEffect(() => applyTextSize(textSize), [textSize]);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key === "=" || e.key === "+") setTextSize((s) => stepTextSize(s, 1));
      else if (e.key === "-") setTextSize((s) => stepTextSize(s, -1));
      else if (e.key === "0") setTextSize(100);
      else return;
      e.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // The sidebar folds to icons when the window is narrow for the text size, or as the person chose.
  const [sidebarChoice, setSidebarChoice] = useState<SidebarChoice>(loadSidebarChoice);
  const [windowWidth, setWindowWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWindowWidth(window.innerWidth);
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  const folded = sidebarFolded(sidebarChoice, windowWidth, textSize);
  // A window narrow for its text size: tables leave out or stack their lesser columns.
  const cramped = windowCramped(windowWidth, textSize);
  function toggleSidebar() {
    const choice: SidebarChoice = folded ? "open" : "folded";
    // Back to automatic when the choice is what the window would do by itself anyway.
    const next = sidebarFolded("auto", windowWidth, textSize) === (choice === "folded") ? "auto" : choice;
    saveSidebarChoice(next);
    setSidebarChoice(next);
  }

  // "/" anywhere but in a field puts the cursor in the screen's search box, as in most list
  // programs; a scanner's or a person's typing into a field is left alone.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.closest("input, textarea, select, [contenteditable='true']") || target.isContentEditable)) return;
      const search = document.querySelector<HTMLInputElement>("[data-testid='main-pane'] input[type='search']");
      if (!search) return;
      e.preventDefault();
      search.focus();
      search.select();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const loadShopName = useCallback(() => {
    api.getShopProfile().then(
      (profile) => setShopName(profile ? profile.shopName : null),
      () => setShopName(null), // the name in the sidebar is a nicety; the screens report real failures
    );
  }, []);

  // The first screen's data in one call (docs/ipc.md, `start`): the phase, the shop's name, who is
  // working, Today's figures, how sync stands and last time's crash, with no call waiting on another.
  useEffect(() => {
    let current = true;
    // Farmstall stopped unexpectedly last time: say so once, on whatever screen the start shows,
    // with where the record is and a button to its folder; the next start says nothing of it.
    function tellCrash(notice: CrashNotice) {
      toast.show({
        message: phrase("crash.notice", { path: notice.path }),
        ms: CRASH_NOTICE_MS,
        actions: [
          {
            label: phrase("saved.folder"),
            testId: "crash-notice-folder",
            run: () =>
              void api.showLogsFolder().catch((reason: unknown) =>
                toast.show({ message: [phrase("saved.openFailed", { path: notice.folder }), ...errorPhrases(reason)], error: true }),
              ),
          },
        ],
      });
      api.acknowledgeCrash().catch(() => undefined); // told once; failing to mark it only means telling again
    }
    (starting ?? api.start()).then(
      (started) => {
        if (!current) return;
        const s = started.status;
        setStatus(s);
        setLanguage(s.language);
        if (s.openError !== null) {
          setPhase({ name: "dbError", message: s.openError, dbPath: s.dbPath, kind: s.openErrorKind ?? null });
        } else if (s.hasShop) {
          setFirst(started);
          setShopName(started.shop ? started.shop.shopName : null);
          if (started.today && started.marketplaceConnected !== null) tellSync(started.today.sync, started.marketplaceConnected);
          setPhase({ name: "main" });
        } else {
          // Just left the demo (the window reloaded): straight to the owner's own shop, saying where the demo went.
          const kept = takeLeftDemo();
          setPhase(kept ? { name: "setup" } : { name: "welcome" });
          if (kept) toast.show({ message: phrase("leaveDemo.done"), ms: CRASH_NOTICE_MS });
        }
        if (started.crash) tellCrash(started.crash);
      },
      (reason: unknown) => {
        if (current) setPhase({ name: "startupError", message: api.toApiError(reason).message });
      },
    );
    return () => {
      current = false;
    };
  }, [starting, setLanguage, tellSync, toast]);

  // Once the first screen is up and the window idle, the other screens' chunks are fetched, so
  // that none waits when opened.
  useEffect(() => {
    if (phase.name !== "main" && phase.name !== "welcome") return;
    const timer = window.setTimeout(() => void prefetchScreens(), PREFETCH_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [phase.name]);

  // A restore reloads the window: say once what it changed, whatever screen the start shows.
  useEffect(() => {
    const notice = restoredNotice();
    if (notice) toast.show({ message: notice, ms: CRASH_NOTICE_MS });
  }, [toast]);

  function persistLanguage(next: Language) {
    api.setLanguage(next).then(
      (s) => setStatus(s),
      (reason: unknown) =>
        toast.show({ message: [phrase("error.languageNotSaved"), ...errorPhrases(reason)], error: true }),
    );
  }

  function toggleLanguage() {
    const next: Language = language === "zh-CN" ? "en" : "zh-CN";
    setLanguage(next); // switch at once; saving it is not worth waiting for
    persistLanguage(next);
  }

  function onShopSaved(profile: ShopProfile) {
    setShopName(profile.shopName);
    if (profile.language !== language) {
      setLanguage(profile.language);
      persistLanguage(profile.language);
    }
    toast.show({ message: phrase("common.saved") });
    if (phase.name === "setup") {
      setPhase({ name: "main" });
      setScreen("farmers");
    }
  }

  async function loadDemo(then: "products" | "import" = "products") {
    setDemoBusy(true);
    setWelcomeError(null);
    try {
      const summary = await api.loadDemo();
      toast.show({ message: phrase("welcome.demoLoaded", { farmers: summary.farmers, products: summary.products }) });
      loadShopName();
      // The shop is now the demo: Today's note offers to clear it.
      api.getStatus().then(setStatus, () => undefined);
      setPhase({ name: "main" });
      setOpenImport(then === "import");
      setScreen(then === "import" ? "orders" : "today");
    } catch (reason) {
      setWelcomeError(problemOf(reason));
    } finally {
      setDemoBusy(false);
    }
  }

  if (phase.name === "loading") {
    return (
      <div className="boot calm-wait" role="status" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {t("app.loading")}
      </div>
    );
  }
  if (phase.name === "dbError")
    return <DbErrorScreen message={phase.message} dbPath={phase.dbPath} kind={phase.kind} onBackups={() => setPhase({ name: "backups", from: phase })} />;
  if (phase.name === "backups" && phase.from.name === "dbError") {
    const from = phase.from;
    return (
      <main className="main main-alone" data-testid="main-pane">
        <Suspense fallback={<ScreenWait />}>
          <BackupScreen onBack={() => setPhase(from)} />
        </Suspense>
      </main>
    );
  }
  if (phase.name === "startupError") return <StartupErrorScreen message={phase.message} />;

  function go(next: Screen) {
    setFirst(null);
    setOpenImport(false);
    setOrdersPreset(undefined);
    setReportTab(undefined);
    setSalesPreset(undefined);
    setStockExpiring(null);
    setPurchaseDraft(undefined);
    setPayrollView(undefined);
    setScreen(next);
  }

  function openFromToday(target: TodayTarget) {
    leave(() => {
      go(
        target === "to-ship" ? "orders" : target === "expiring" ? "stock" : target === "low-stock" || target === "sales" ? "reports" : target === "owed" ? "payables" : target === "work" ? "payroll" : "sync",
      );
      if (target === "to-ship") setOrdersPreset({ state: "paid", sort: "due" });
      // The lots the card counts: those expiring within three days.
      if (target === "expiring") setStockExpiring(3);
      if (target === "low-stock") setReportTab("low");
      if (target === "sales") {
        // This month's sales day by day, as the card's figures are today's and the month's.
        const today = todayInShanghai();
        setReportTab("sales");
        setSalesPreset({ by: "day", from: `${today.slice(0, 8)}01`, to: today });
      }
      // Where this week's work is entered, not the top of the pay screen.
      if (target === "work") setPayrollView("work");
    });
  }

  const badge: Partial<Record<Screen, number>> = counts ? { orders: counts.toShip, stock: counts.expiring, reports: counts.low } : {};
  const badgeTitle: Partial<Record<Screen, string>> = counts
    ? {
        orders: t("nav.badge.toShip", { count: counts.toShip }),
        stock: t("nav.badge.expiring", { count: counts.expiring }),
        reports: t("nav.badge.low", { count: counts.low }),
      }
    : {};

  const nav: { id: Screen; label: string; icon: ReactElement }[] = [
    { id: "today", label: t("nav.today"), icon: <SunIcon /> },
    { id: "shop", label: t("nav.shop"), icon: <ShopIcon /> },
    { id: "farmers", label: t("nav.farmers"), icon: <PeopleIcon /> },
    { id: "products", label: t("nav.products"), icon: <BasketIcon /> },
    { id: "orders", label: t("nav.orders"), icon: <OrdersIcon /> },
    { id: "scan-ship", label: t("nav.scanShip"), icon: <ScanIcon /> },
    { id: "sync", label: t("nav.sync"), icon: <SyncIcon /> },
    { id: "purchases", label: t("nav.purchases"), icon: <TruckIcon /> },
    { id: "stock", label: t("nav.stock"), icon: <BoxesIcon /> },
    { id: "count", label: t("nav.count"), icon: <ClipboardIcon /> },
    { id: "payables", label: t("nav.payables"), icon: <WalletIcon /> },
    { id: "payroll", label: t("nav.payroll"), icon: <PayIcon /> },
    { id: "production", label: t("nav.production"), icon: <PotIcon /> },
    { id: "reports", label: t("nav.reports"), icon: <ChartIcon /> },
    { id: "backup", label: t("nav.backup"), icon: <SafeIcon /> },
  ];

  return (
    <div className={["app", folded ? "sidebar-folded" : "", cramped ? "cramped" : ""].filter(Boolean).join(" ")} data-testid="app-shell">
      <aside className="sidebar" data-testid="sidebar" data-folded={folded ? "true" : "false"}>
        <div className="brand" title={folded ? (shopName ?? t("app.name")) : undefined}>
          <LeafIcon />
          <div className="brand-text">
            <div className="brand-app">{t("app.name")}</div>
            {shopName ? <div className="brand-shop">{shopName}</div> : null}
          </div>
          <button
            type="button"
            className="sidebar-toggle"
            data-testid="sidebar-toggle"
            aria-expanded={!folded}
            aria-label={folded ? t("sidebar.unfold") : t("sidebar.fold")}
            title={folded ? t("sidebar.unfold") : t("sidebar.fold")}
            onClick={toggleSidebar}
          >
            <FoldIcon open={!folded} />
          </button>
        </div>
        {phase.name === "main" ? <MemberSwitch initial={first?.memberKnown ? first.currentMember : undefined} /> : null}
        {phase.name === "main" ? (
          <nav className="nav" aria-label={t("nav.label")}>
            {nav.map((item) => (
              <button
                key={item.id}
                type="button"
                className="nav-link"
                data-testid={`nav-${item.id}`}
                aria-current={screen === item.id ? "page" : undefined}
                title={folded ? item.label : undefined}
                aria-label={folded ? item.label : undefined}
                onClick={() => {
                  if (item.id !== screen) leave(() => go(item.id));
                }}
              >
                {item.icon}
                <span className="nav-label">{item.label}</span>
                {(badge[item.id] ?? 0) > 0 ? (
                  <span className="nav-badge" data-testid={`nav-badge-${item.id}`} title={badgeTitle[item.id]}>
                    {badge[item.id]}
                  </span>
                ) : null}
                {item.id === "sync" ? <SyncIndicator status={sync.status} connected={sync.connected} /> : null}
              </button>
            ))}
          </nav>
        ) : null}
        <div className="sidebar-footer">
          <div className="text-size" role="group" aria-label={t("textSize.label")} title={t("textSize.keys")}>
            <span className="text-size-label">{t("textSize.label")}</span>
            {TEXT_SIZES.map((size) => (
              <button
                key={size}
                type="button"
                className="text-size-choice"
                data-testid={`text-size-${size}`}
                aria-pressed={textSize === size}
                onClick={() => setTextSize(size)}
              >
                <span className="text-size-word">{t(`textSize.${size}` as MessageKey)}</span>
                <span className="text-size-percent" aria-hidden="true">
                  {size}%
                </span>
              </button>
            ))}
          </div>
          <button
            type="button"
            className="btn btn-secondary lang-toggle"
            data-testid="lang-toggle"
            title={t("lang.switchTitle")}
            lang={language === "zh-CN" ? "en" : "zh-CN"}
            onClick={toggleLanguage}
          >
            {t("lang.switchTo")}
          </button>
          {status ? <div className="version">{t("app.version", { version: status.version })}</div> : null}
        </div>
      </aside>
      <main className="main" ref={mainPane} data-testid="main-pane">
        <Suspense fallback={<ScreenWait />}>
        {phase.name === "welcome" ? (
          <WelcomeScreen
            busy={demoBusy}
            error={welcomeError}
            onSetup={() => setPhase({ name: "setup" })}
            onDemo={() => void loadDemo()}
            onDemoImport={() => void loadDemo("import")}
            onRestore={() => setPhase({ name: "backups", from: phase })}
          />
        ) : phase.name === "backups" ? (
          <BackupScreen onBack={() => setPhase(phase.from)} />
        ) : phase.name === "setup" ? (
          <ShopScreen mode="setup" onSaved={onShopSaved} onBack={() => setPhase({ name: "welcome" })} />
        ) : screen === "shop" ? (
          <ShopScreen mode="edit" onSaved={onShopSaved} />
        ) : screen === "farmers" ? (
          <FarmersScreen />
        ) : screen === "today" ? (
          <TodayScreen
            initial={first?.today ?? undefined}
            isDemo={status?.isDemo ?? false}
            onOpen={openFromToday}
            onLoaded={(d) => setCounts({ toShip: d.toShip, expiring: d.expiringCount, low: d.lowStock })}
          />
        ) : screen === "orders" ? (
          <OrdersScreen openImport={openImport} initialFilters={ordersPreset} />
        ) : screen === "scan-ship" ? (
          <ScanShipScreen />
        ) : screen === "sync" ? (
          <SyncScreen onStatus={sync.setStatus} onSettings={sync.setSettings} />
        ) : screen === "purchases" ? (
          <PurchasesScreen draft={purchaseDraft} />
        ) : screen === "stock" ? (
          <StockScreen expiringWithinDays={stockExpiring} />
        ) : screen === "count" ? (
          <CountScreen />
        ) : screen === "payables" ? (
          <PayablesScreen />
        ) : screen === "payroll" ? (
          <PayrollScreen initialView={payrollView} />
        ) : screen === "production" ? (
          <ProductionScreen />
        ) : screen === "reports" ? (
          <ReportsScreen
            initialTab={reportTab}
            sales={salesPreset}
            onLink={(link) =>
              leave(() => {
                go(link.screen);
                if (link.screen === "orders") setOrdersPreset({ from: link.from, to: link.to, ...(link.sold ? { state: "sold" as const } : {}) });
                if (link.screen === "purchases") setPurchaseDraft(link.draft);
              })
            }
          />
        ) : screen === "backup" ? (
          <BackupScreen />
        ) : (
          <ProductsScreen />
        )}
        </Suspense>
      </main>
    </div>
  );
}
