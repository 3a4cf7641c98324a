// Pay (工资): the family members who are paid (员工) and how, a week of their work to enter (记工), a
// month's payslips to check, approve (审核) and pay out (发放) with the work recorded that month, and
// the year's pay (年度汇总). Rust computes every amount (docs/ipc.md, "Payroll"); the screen shows its
// lines and explanations as they come. Pay is behind the owner's PIN when one is set: the screen then
// shows a locked panel until it is unlocked, and a lock button in its header once it is
// (docs/ipc.md, "The owner's PIN").
import { useCallback, useEffect, useRef, useState } from "react";
import * as api from "../api";
import type { Employee, PinStatus } from "../bindings";
import { useGuardedLeave } from "../components/DiscardGuard";
import { LockIcon } from "../components/Icons";
import { useToast } from "../components/Toast";
import { UnlockProvider, useUnlock } from "../components/Unlock";
import { errorPhrases } from "../formErrors";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { EmployeeForm } from "./EmployeeForm";
import { ListError } from "./ListToolbar";
import { PayYearReport } from "./PayYearReport";
import { PayrollMonth } from "./PayrollMonth";
import { schemeText } from "./payrollText";
import { WorkWeek } from "./WorkWeek";

/** The status a `locked` refusal tells: a PIN is set and this window is not unlocked. */
const LOCKED: PinStatus = { set: true, unlocked: false, blockedUntil: null };

function useEmployees(onLocked: () => void): { employees: Employee[] | null; error: api.ApiError | null; reload: () => void } {
  const [state, setState] = useState<{ employees: Employee[] | null; error: api.ApiError | null }>({ employees: null, error: null });
  const [token, setToken] = useState(0);
  useEffect(() => {
    let current = true;
    api.listEmployees().then(
      (employees) => {
        if (current) setState({ employees, error: null });
      },
      (reason: unknown) => {
        if (!current) return;
        if (api.isLocked(reason)) onLocked();
        else setState((s) => ({ employees: s.employees ?? [], error: api.toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [token, onLocked]);
  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, reload };
}

/** Where the pay screen opens: its top, or the week of work to enter (Today's "work not recorded" card). */
export type PayrollView = "top" | "work";

export function PayrollScreen({ initialView = "top" }: { initialView?: PayrollView } = {}) {
  // undefined while asking; null when Rust could not say (the screen then opens, and a locked
  // refusal of its data still brings the locked panel).
  const [pin, setPin] = useState<PinStatus | null | undefined>(undefined);
  useEffect(() => {
    let current = true;
    api.pinStatus().then(
      (status) => {
        if (current) setPin(status);
      },
      () => {
        if (current) setPin(null);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <UnlockProvider onUnlocked={setPin}>
      <PayrollFrame pin={pin} onPin={setPin} initialView={initialView} />
    </UnlockProvider>
  );
}

function PayrollFrame({ pin, onPin, initialView }: { pin: PinStatus | null | undefined; onPin: (status: PinStatus) => void; initialView: PayrollView }) {
  const { t } = useI18n();
  const toast = useToast();
  const unlock = useUnlock();
  // Locking hides what is typed in the week grid or a form: ask first, as leaving the screen does.
  const leave = useGuardedLeave();
  const [locking, setLocking] = useState(false);
  const locked = pin?.set === true && !pin.unlocked;
  const onLocked = useCallback(() => onPin(LOCKED), [onPin]);

  function lockNow() {
    leave(() => {
      setLocking(true);
      api.lock().then(
        (status) => {
          setLocking(false);
          onPin(status);
        },
        (reason: unknown) => {
          setLocking(false);
          toast.show({ message: errorPhrases(reason), error: true });
        },
      );
    });
  }

  return (
    <section className="screen payroll-screen" data-testid="payroll-screen" aria-labelledby="payroll-title">
      <header className="screen-header payroll-header">
        <div>
          <h1 id="payroll-title">{t("payroll.title")}</h1>
          <p className="screen-intro">{t("payroll.intro")}</p>
        </div>
        {pin?.set && pin.unlocked ? (
          <button type="button" className="btn btn-secondary" data-testid="payroll-lock" title={t("payroll.lockTitle")} disabled={locking} onClick={lockNow}>
            <LockIcon />
            {t("payroll.lock")}
          </button>
        ) : null}
      </header>
      {pin === undefined ? (
        <p className="muted">{t("common.loading")}</p>
      ) : locked ? (
        <div className="locked-panel" data-testid="payroll-locked">
          <span className="locked-panel-icon">
            <LockIcon size={40} />
          </span>
          <h2 className="locked-panel-title">{t("payroll.locked.title")}</h2>
          <p className="muted">{t("payroll.locked.text")}</p>
          <button type="button" className="btn btn-primary btn-large" data-testid="payroll-unlock" onClick={() => void unlock.ask()}>
            {t("payroll.unlock")}
          </button>
        </div>
      ) : (
        <PayrollContent onLocked={onLocked} initialView={initialView} />
      )}
    </section>
  );
}

function PayrollContent({ onLocked, initialView }: { onLocked: () => void; initialView: PayrollView }) {
  const { t } = useI18n();
  const toast = useToast();
  const { employees, error, reload } = useEmployees(onLocked);
  // Opened to enter the week's work: brought into view once the employees above it are in (their
  // table would otherwise push it down again), once only, so the person can scroll away.
  const work = useRef<HTMLDivElement>(null);
  const shownWork = useRef(false);
  useEffect(() => {
    if (initialView !== "work" || employees === null || shownWork.current) return;
    shownWork.current = true;
    work.current?.scrollIntoView?.({ block: "start" });
  }, [initialView, employees]);
  // The employee form: undefined = closed, null = a new employee.
  const [editing, setEditing] = useState<Employee | null | undefined>(undefined);
  // Bumped when work or employees change, so that the month's payslips are computed again.
  const [refresh, setRefresh] = useState(0);
  // Bumped when a month is approved or paid, so that the year's figures are asked for again.
  const [yearRefresh, setYearRefresh] = useState(0);
  const [weekRefresh, setWeekRefresh] = useState(0);

  return (
    <>
      <section className="payroll-section" data-testid="employees" aria-labelledby="employees-title">
        <div className="section-header">
          <h2 id="employees-title">{t("employees.title")}</h2>
          <button type="button" className="btn btn-primary" data-testid="employee-add" onClick={() => setEditing(null)}>
            <span aria-hidden="true" className="btn-plus">
              +
            </span>
            {t("employees.add")}
          </button>
        </div>
        {error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: error.message })} /> : null}
        {employees === null ? (
          <p className="muted">{t("common.loading")}</p>
        ) : employees.length === 0 ? (
          <div className="empty" data-testid="employees-empty">
            {t("employees.empty")}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("employees.colName")}</th>
                  <th>{t("employees.colRelation")}</th>
                  <th>{t("employees.colStart")}</th>
                  <th>{t("employees.colPay")}</th>
                  <th>{t("employees.colTax")}</th>
                  <th className="col-actions">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {employees.map((e) => (
                  <tr key={e.memberId} data-testid="employee-row" data-id={e.memberId}>
                    <td className="cell-name">
                      <span className="cell-strong">{e.name}</span>
                      {e.phone ? <div className="cell-sub">{e.phone}</div> : null}
                    </td>
                    <td data-testid="employee-cell-relation">{e.relation || t("common.none")}</td>
                    <td className="cell-nowrap" data-testid="employee-cell-start">
                      {e.startOn}
                      {e.endOn ? <div className="cell-sub">{t("employees.endedOn", { date: e.endOn })}</div> : null}
                    </td>
                    <td data-testid="employee-cell-pay">{e.schemes.map((s) => schemeText(t, s)).join(t("employees.schemeSeparator"))}</td>
                    <td data-testid="employee-cell-tax">{e.withholdTax ? t("employees.taxYes") : t("employees.taxNo")}</td>
                    <td className="col-actions">
                      <div className="row-actions">
                        <button type="button" className="btn btn-small btn-secondary" data-testid="employee-edit" onClick={() => setEditing(e)}>
                          {t("common.edit")}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div ref={work} className="payroll-work" data-testid="payroll-work">
        <WorkWeek employees={employees ?? []} refresh={weekRefresh} onLocked={onLocked} onSaved={() => setRefresh((n) => n + 1)} />
      </div>

      <PayrollMonth
        refresh={refresh}
        onLocked={onLocked}
        onChanged={() => setYearRefresh((n) => n + 1)}
        onWorkChanged={() => setWeekRefresh((n) => n + 1)}
      />

      <PayYearReport refresh={yearRefresh} onLocked={onLocked} />

      {editing !== undefined ? (
        <EmployeeForm
          employee={editing}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            reload();
            setRefresh((n) => n + 1);
            toast.show({ message: phrase("employees.savedToast", { name: saved.name }) });
          }}
        />
      ) : null}
    </>
  );
}
