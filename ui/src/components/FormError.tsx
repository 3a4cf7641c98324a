// A form's message about the whole form (not one field), in a module of its own: the first
// screens need it without the fields' date pickers (see Field.tsx, which offers it too).
import { problemParts, type FormProblem } from "../formErrors";
import { useI18n } from "../i18nContext";

/** The form-level message (`form-error`): what went wrong in the current language, and Rust's detail. */
export function FormError({ problem }: { problem: FormProblem | null }) {
  const { t } = useI18n();
  if (!problem) return null;
  const { text, detail } = problemParts(problem);
  return (
    <div className="form-error" data-testid="form-error" role="alert" tabIndex={-1}>
      <div>{t(text.key, text.params)}</div>
      {detail ? <div className="form-error-detail">{t(detail.key, detail.params)}</div> : null}
    </div>
  );
}
