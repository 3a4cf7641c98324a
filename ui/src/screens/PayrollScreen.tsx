// Pay (工资): the family members who are paid (员工) and how, a week of their work to enter (记工), and
// a month's payslips to check, approve (审核) and pay out (发放). Rust computes every amount
// (docs/ipc.md, "Payroll"); the screen shows its lines and explanations as they come.
import { useCallback, useEffect, useState } from "react";
import * as api from "../api";
import type { Employee } from "../bindings";
import { useToast } from "../components/Toast";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { EmployeeForm } from "./EmployeeForm";
import { ListError } from "./ListToolbar";
import { PayrollMonth } from "./PayrollMonth";
import { schemeText } from "./payrollText";
import { WorkWeek } from "./WorkWeek";

function useEmployees(): { employees: Employee[] | null; error: api.ApiError | null; reload: () => void } {
  const [state, setState] = useState<{ employees: Employee[] | null; error: api.ApiError | null }>({ employees: null, error: null });
  const [token, setToken] = useState(0);
  useEffect(() => {
    let current = true;
    api.listEmployees().then(
      (employees) => {
        if (current) setState({ employees, error: null });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ employees: s.employees ?? [], error: api.toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [token]);
  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, reload };
}

export function PayrollScreen() {
  const { t } = useI18n();
  const toast = useToast();
  const { employees, error, reload } = useEmployees();
  // The employee form: undefined = closed, null = a new employee.
  const [editing, setEditing] = useState<Employee | null | undefined>(undefined);
  // Bumped when work or employees change, so that the month's payslips are computed again.
  const [refresh, setRefresh] = useState(0);

  return (
    <section className="screen payroll-screen" data-testid="payroll-screen" aria-labelledby="payroll-title">
      <header className="screen-header">
        <h1 id="payroll-title">{t("payroll.title")}</h1>
        <p className="screen-intro">{t("payroll.intro")}</p>
      </header>

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

      <WorkWeek employees={employees ?? []} onSaved={() => setRefresh((n) => n + 1)} />

      <PayrollMonth refresh={refresh} />

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
    </section>
  );
}
