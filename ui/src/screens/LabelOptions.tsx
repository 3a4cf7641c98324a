// The label size and "hide the middle of the phone number" choice, shared by the order dialog and the
// batch label dialog, and remembered on this computer: a shop has one label printer.
import { useState } from "react";
import { useI18n } from "../i18nContext";
import { isLabelFormat, LABEL_FORMATS, type LabelFormat } from "./orderText";

export type LabelPrefs = { format: LabelFormat; maskPhone: boolean };

const STORAGE_KEY = "farmstall.labelPrefs";

export const DEFAULT_LABEL_PREFS: LabelPrefs = { format: "100x150", maskPhone: false };

function loadPrefs(): LabelPrefs {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_LABEL_PREFS;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return DEFAULT_LABEL_PREFS;
    const { format, maskPhone } = parsed as Record<string, unknown>;
    return {
      format: typeof format === "string" && isLabelFormat(format) ? format : DEFAULT_LABEL_PREFS.format,
      maskPhone: maskPhone === true,
    };
  } catch {
    return DEFAULT_LABEL_PREFS;
  }
}

/** The label choices, starting from the last ones used on this computer. */
export function useLabelPrefs(): [LabelPrefs, (prefs: LabelPrefs) => void] {
  const [prefs, setPrefs] = useState<LabelPrefs>(loadPrefs);
  function set(next: LabelPrefs) {
    setPrefs(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Not remembered: the choice still holds for now.
    }
  }
  return [prefs, set];
}

export function LabelOptions({ prefs, onChange }: { prefs: LabelPrefs; onChange: (prefs: LabelPrefs) => void }) {
  const { t } = useI18n();
  return (
    <div className="label-options">
      <label className="toolbar-select">
        <span>{t("label.format")}</span>
        <span className="select-wrap">
          <select
            data-testid="label-format"
            value={prefs.format}
            onChange={(e) => onChange({ ...prefs, format: isLabelFormat(e.target.value) ? e.target.value : DEFAULT_LABEL_PREFS.format })}
          >
            {LABEL_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(`label.format.${f}`)}
              </option>
            ))}
          </select>
        </span>
      </label>
      <label className="checkbox">
        <input type="checkbox" data-testid="label-mask-phone" checked={prefs.maskPhone} onChange={(e) => onChange({ ...prefs, maskPhone: e.target.checked })} />
        <span>{t("label.maskPhone")}</span>
      </label>
    </div>
  );
}
