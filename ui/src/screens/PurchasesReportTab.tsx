// What the shop bought from each farmer each month: one row per farmer and month (newest month first,
// biggest supplier first), how many receipts, how much, and how much of it on credit; with the sum of
// every matching row. The database filters by farmer (name, pinyin or village) and range, and pages.
import { useCallback, useState } from "react";
import * as api from "../api";
import type { FarmerMonthRow, ListQuery, PurchaseReportPage } from "../bindings";
import { isZero, parseDecimal } from "../decimal";
import { formatMoney, formatMonth } from "../format";
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS, useDebouncedValue, usePagedList } from "../hooks";
import { useI18n } from "../i18nContext";
import { ListToolbar } from "./ListToolbar";
import { hasMonthError, monthErrors, MonthRangeFields, monthSpan, ReportTable, useMonthRange } from "./reportParts";

function isNothing(amount: string): boolean {
  const d = parseDecimal(amount);
  return d !== null && isZero(d);
}

export function PurchasesReportTab() {
  const { t, language } = useI18n();
  const [search, setSearch] = useState("");
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const months = useMonthRange();
  const { from, to } = months;
  const fetchPage = useCallback(
    (query: ListQuery) => api.purchasesByFarmerMonth({ from, to, search: query.search, limit: query.limit, offset: query.offset }),
    [from, to],
  );
  const list = usePagedList<FarmerMonthRow, PurchaseReportPage>(fetchPage, term, false, PAGE_SIZE, `${from}:${to}`);
  const errors = monthErrors(list.error);
  const monthError = hasMonthError(errors);
  const span =
    from === "" && to === ""
      ? t("report.lastTwelveMonths")
      : from !== "" && to !== ""
        ? monthSpan(from, to, language)
        : from !== ""
          ? t("report.sinceMonth", { month: formatMonth(from, language) })
          : t("report.twelveMonthsTo", { month: formatMonth(to, language) });

  return (
    <>
      <ListToolbar
        prefix="purchases-report"
        search={search}
        onSearch={setSearch}
        searchPlaceholder={t("report.purchases.searchPlaceholder")}
        extra={<MonthRangeFields form="purchases-report" months={months} errors={errors} />}
      />
      {list.page && !monthError ? (
        <div className="report-figures">
          <div className="report-figure" data-testid="purchases-report-sum">
            <span className="report-figure-label">{term ? t("report.purchases.sumSearch", { span, search: term }) : t("report.purchases.sum", { span })}</span>
            <span className="report-figure-value">{formatMoney(list.page.sum)}</span>
          </div>
        </div>
      ) : null}
      <ReportTable
        list={{ ...list, error: monthError ? null : list.error }}
        hideRows={monthError}
        row="farmer-month-row"
        rowKey={(r) => `${r.farmerId}:${r.month}`}
        rowAttributes={(r) => ({ "data-id": r.farmerId, "data-month": r.month })}
        columns={
          <>
            <th>{t("report.colMonth")}</th>
            <th>{t("report.purchases.colFarmer")}</th>
            <th className="col-num">{t("report.purchases.colReceipts")}</th>
            <th className="col-num">{t("report.purchases.colTotal")}</th>
            <th className="col-num">{t("report.purchases.colOwed")}</th>
          </>
        }
        cells={(r) => (
          <>
            <td className="cell-nowrap">{formatMonth(r.month, language)}</td>
            <td className="cell-name">
              <span className="cell-strong">{r.farmerName}</span>
              {r.village ? <div className="cell-sub">{r.village}</div> : null}
            </td>
            <td className="col-num">{r.purchases}</td>
            <td className="col-num cell-nowrap cell-strong">{formatMoney(r.total)}</td>
            <td className="col-num cell-nowrap">
              {isNothing(r.owed) ? <span className="cell-muted">{t("common.none")}</span> : <span className="owed-amount">{formatMoney(r.owed)}</span>}
            </td>
          </>
        )}
        empty={term ? t("report.purchases.emptySearch", { search: term }) : t("report.purchases.empty")}
        emptyTestId="purchases-report-empty"
      />
    </>
  );
}
