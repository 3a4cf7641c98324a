// React access to the current language: `useI18n()` gives the language and `t`. The provider shows a
// language once its locale file is loaded: until then the one shown before (a switch of language
// takes effect when the other file is in), and at the very start nothing.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Language } from "./bindings";
import { DEFAULT_LANGUAGE, loadLocale, localeLoaded, translator, type Translate } from "./i18n";

type I18nValue = { language: Language; t: Translate };

/** How long after a locale file failed to load it is asked for again. */
const RETRY_MS = 1000;

const I18nContext = createContext<I18nValue>({
  language: DEFAULT_LANGUAGE,
  t: translator(DEFAULT_LANGUAGE),
});

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  // The last language whose file came in: shown while `language`'s own is on its way.
  const [arrived, setArrived] = useState<Language | null>(() => (localeLoaded(language) ? language : null));
  const shown = localeLoaded(language) ? language : arrived;
  useEffect(() => {
    // Also when the file is already in: it may have arrived between the render above (which then
    // showed nothing) and this effect, and only a state change draws again.
    let current = true;
    let retry: number | undefined;
    const load = () => {
      loadLocale(language).then(
        () => {
          if (current) setArrived(language);
        },
        () => {
          // A file that cannot load keeps the language shown, and is asked for again.
          if (current) retry = window.setTimeout(load, RETRY_MS);
        },
      );
    };
    load();
    return () => {
      current = false;
      window.clearTimeout(retry);
    };
  }, [language]);
  const value = useMemo(() => (shown ? { language: shown, t: translator(shown) } : null), [shown]);
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
