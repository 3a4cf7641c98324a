// The work recorded in a month (本月记工记录): every employee's days, hours, pieces, bonuses, advances
// and deductions as Rust keeps them (`list_work`, by date then name; boxes counted from packing are not
// records). A record typed by mistake in a draft month can be deleted after asking (`delete_work`); once
// the month is approved its records are locked and show no delete. After a delete the month's payslips
// are computed again (`onDeleted`).
import { useEffect, useState } from "react";
import * as api from "../api";
import type { WorkRecord } from "../bindings";
import { useToast } from "../components/Toast";
import { useUnlock } from "../components/Unlock";
import { problemOf, problemPhrases, type FormProblem } from "../formErrors";
import { formatMoney, formatMonth, trimDecimal } from "../format";
import { phrase, say, type Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { dayLabel, pieceUnit, workLabel } from "./payrollText";

/** What a record is: 出勤, 工时, 计件 分拣, 奖金, 预支, 扣款. */
export function recordWhat(t: Translate, record: WorkRecord): string {
  switch (record.kind) {
    case "days":
      return t("workList.kind.days");
    case "hours":
      return t("workList.kind.hours");
    case "pieces":
      return t("workList.kind.pieces", { work: workLabel(t, record.work) });
    case "bonus":
    case "advance":
    case "deduction":
      return t(`work.extra.kind.${record.kind}`);
    default:
      return record.kind;
  }
}

/** How much: 1 天, 3.5 小时, 30 斤, or the amount of money (¥200.00). */
export function recordHowMuch(t: Translate, record: WorkRecord): string {
  const n = trimDecimal(record.quantity);
  switch (record.kind) {
    case "days":
      return t("workList.qty.days", { n });
    case "hours":
      return t("workList.qty.hours", { n });
    case "pieces":
      return t("workList.qty.pieces", { n, unit: pieceUnit(t, record.work) });
    default:
      return record.amount === "" ? n : formatMoney(record.amount);
  }
}

/** Why a record could not be deleted, in words. */
function deleteRefusal(t: Translate, problem: FormProblem, language: "zh-CN" | "en"): string {
  const issue = problem.issues[0];
  if (issue?.rule === "unknown_record") return t("workList.err.gone");
  if (issue?.rule === "not_allowed") return t("workList.err.approved", { month: formatMonth(issue.params?.month ?? "", language) });
  return say(t, problemPhrases(problem));
}

export function WorkList({
  month,
  refresh,
  onLocked,
  onDeleted,
}: {
  /** "YYYY-MM", a real month. */
  month: string;
  refresh: number;
  onLocked: () => void;
  onDeleted: () => void;
}) {
  const { t, language } = useI18n();
  const toast = useToast();
  const unlock = useUnlock();
  const [records, setRecords] = useState<WorkRecord[] | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [token, setToken] = useState(0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.listWork(month).then(
      (list) => {
        if (!current) return;
        setRecords(list);
        setProblem(null);
      },
      (reason: unknown) => {
        if (!current) return;
        setRecords(null);
        if (api.isLocked(reason)) onLocked();
        else setProblem(problemOf(reason));
      },
    );
    return () => {
      current = false;
    };
  }, [month, refresh, token, onLocked]);

  // Another month: a question or a refusal about a record of the old one goes.
  useEffect(() => {
    setConfirming(null);
    setDeleteError(null);
    setRecords(null);
  }, [month]);

  async function remove(record: WorkRecord) {
    setDeleting(true);
    setDeleteError(null);
    try {
      await unlock.retry(() => api.deleteWork(record.id));
      setConfirming(null);
      toast.show({
        message: phrase("workList.deletedToast", {
          date: dayLabel(t, record.date),
          name: record.name,
          what: recordWhat(t, record),
          amount: recordHowMuch(t, record),
        }),
      });
      onDeleted();
    } catch (reason) {
      setConfirming(null);
      setDeleteError(deleteRefusal(t, problemOf(reason), language));
    } finally {
      setDeleting(false);
      // Gone, refused or not: the list as Rust keeps it now.
      setToken((n) => n + 1);
    }
  }

  return (
    <section className="work-list" data-testid="work-list" aria-labelledby="work-list-title">
      <h3 id="work-list-title">{t("workList.title", { month: formatMonth(month, language) })}</h3>
      {deleteError ? (
        <div className="form-error" data-testid="work-delete-error" role="alert">
          {deleteError}
        </div>
      ) : null}
      {problem ? (
        <div className="form-error" data-testid="work-list-error" role="alert">
          {say(t, problemPhrases(problem))}
        </div>
      ) : null}
      {records === null ? (
        problem ? null : <p className="muted">{t("common.loading")}</p>
      ) : records.length === 0 ? (
        <div className="empty" data-testid="work-empty">
          {t("workList.empty")}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("workList.colDate")}</th>
                <th>{t("workList.colName")}</th>
                <th>{t("workList.colWhat")}</th>
                <th className="col-num">{t("workList.colHowMuch")}</th>
                <th>{t("workList.colNote")}</th>
                <th className="col-actions">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id} data-testid="work-row" data-id={r.id} data-kind={r.kind} data-locked={r.locked ? "true" : "false"}>
                  <td className="cell-nowrap">{dayLabel(t, r.date)}</td>
                  <td className="cell-strong">{r.name}</td>
                  <td data-testid="work-row-what">{recordWhat(t, r)}</td>
                  <td className="col-num cell-nowrap" data-testid="work-row-amount">
                    {recordHowMuch(t, r)}
                  </td>
                  <td className="cell-sub">{r.note}</td>
                  <td className="col-actions cell-nowrap">
                    {r.locked ? (
                      <span className="badge badge-approved" data-testid="work-row-locked" title={t("workList.lockedTitle")}>
                        {t("workList.locked")}
                      </span>
                    ) : confirming === r.id ? (
                      <span className="rule-confirm" data-testid="confirm-delete" role="alertdialog" aria-label={t("workList.deleteTitle")}>
                        <span>{t("workList.deleteTitle")}</span>{" "}
                        <button type="button" className="btn btn-small btn-secondary" data-testid="confirm-delete-no" autoFocus onClick={() => setConfirming(null)}>
                          {t("workList.deleteNo")}
                        </button>{" "}
                        <button type="button" className="btn btn-small btn-danger" data-testid="confirm-delete-yes" disabled={deleting} onClick={() => void remove(r)}>
                          {t("workList.deleteYes")}
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="btn btn-small btn-quiet"
                        data-testid="work-delete"
                        disabled={deleting}
                        onClick={() => {
                          setDeleteError(null);
                          setConfirming(r.id);
                        }}
                      >
                        {t("workList.delete")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
