// React access to the current language: `useI18n()` gives the language and `t`. The provider shows a
// language once its locale file is loaded: until then the one shown before (a switch of language
// takes effect when the other file is in), and at the very start nothing.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Language } from "./bindings";
import { DEFAULT_LANGUAGE, loadLocale, localeLoaded, translator, type Translate } from "./i18n";

type I18nValue = { language: Language; t: Translate };

const I18nContext = createContext<I18nValue>({
  language: DEFAULT_LANGUAGE,
  t: translator(DEFAULT_LANGUAGE),
});

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  // The last language whose file came in: shown while `language`'s own is on its way.
  const [arrived, setArrived] = useState<Language | null>(() => (localeLoaded(language) ? language : null));
  const shown = localeLoaded(language) ? language : arrived;
  useEffect(() => {
    if (localeLoaded(language)) return;
    let current = true;
    loadLocale(language).then(
      () => {
        if (current) setArrived(language);
      },
      () => undefined, // a file that cannot load keeps the language shown; the next switch tries again
    );
    return () => {
      current = false;
    };
  }, [language]);
  const value = useMemo(() => (shown ? { language: shown, t: translator(shown) } : null), [shown]);
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
