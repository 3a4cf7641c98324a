// React access to the current language: `useI18n()` gives the language, `t` and a setter.
import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Language } from "./bindings";
import { DEFAULT_LANGUAGE, translator, type Translate } from "./i18n";

type I18nValue = { language: Language; t: Translate };

const I18nContext = createContext<I18nValue>({
  language: DEFAULT_LANGUAGE,
  t: translator(DEFAULT_LANGUAGE),
});

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo(() => ({ language, t: translator(language) }), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
