// The demo shop's note on the Today screen: this is demo data, and the way out of it — "清除演示数据，
// 开始我的小店" — after a plain confirmation of what happens. On success the window reloads, and the
// start goes to setting up the owner's own shop (see leftDemo.ts).
import { useState } from "react";
import * as api from "../api";
import { FormError } from "../components/FormError";
import { Modal } from "../components/Modal";
import { problemOf, type FormProblem } from "../formErrors";
import { useI18n } from "../i18nContext";
import { rememberLeftDemo } from "../leftDemo";

/** Shown by Today only on the demo shop (`AppStatus.isDemo`, from the start's status). */
export function DemoBanner({ reload = () => window.location.reload() }: { reload?: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  async function leave() {
    setWorking(true);
    setProblem(null);
    try {
      rememberLeftDemo(await api.leaveDemo());
      reload();
    } catch (reason) {
      setProblem(problemOf(reason));
      setWorking(false);
    }
  }

  function close() {
    if (working) return; // the demo is being backed up and removed: the answer is awaited
    setAsking(false);
    setProblem(null);
  }

  return (
    <>
      <aside className="demo-banner" data-testid="demo-banner" aria-labelledby="demo-banner-title">
        <div className="demo-banner-text">
          <h2 className="demo-banner-title" id="demo-banner-title">
            {t("leaveDemo.bannerTitle")}
          </h2>
          <p>{t("leaveDemo.bannerText")}</p>
        </div>
        <button type="button" className="btn btn-secondary demo-banner-button" data-testid="demo-leave" onClick={() => setAsking(true)}>
          {t("leaveDemo.button")}
        </button>
      </aside>
      {asking ? (
        <Modal title={t("leaveDemo.title")} dirty={false} onClose={close}>
          <div data-testid="leave-demo-dialog" aria-busy={working}>
            <ul className="leave-demo-steps">
              <li>{t("leaveDemo.removes")}</li>
              <li>{t("leaveDemo.keeps")}</li>
              <li>{t("leaveDemo.next")}</li>
            </ul>
            {working ? (
              <p className="busy leave-demo-busy" role="status">
                <span className="spinner" aria-hidden="true" />
                {t("leaveDemo.working")}
              </p>
            ) : null}
            {problem ? (
              <div data-testid="leave-demo-error">
                <p className="leave-demo-failed">{t("leaveDemo.failed")}</p>
                <FormError problem={problem} />
              </div>
            ) : null}
            <div className="form-actions">
              <button type="button" className="btn btn-secondary" data-testid="leave-demo-cancel" disabled={working} onClick={close}>
                {t("common.cancel")}
              </button>
              <button type="button" className="btn btn-primary" data-testid="leave-demo-confirm" disabled={working} onClick={() => void leave()}>
                {working ? <span className="spinner spinner-on-primary" aria-hidden="true" /> : null}
                {t("leaveDemo.confirm")}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </>
  );
}
