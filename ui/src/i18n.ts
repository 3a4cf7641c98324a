// Translations: every user-visible string lives in locales/*.json; this module looks them up.
// Each locale file is its own chunk, loaded when its language is first shown (`loadLocale`): the
// window's start carries only its own language, and the other comes on switching (issue 15).
import type zhCN from "./locales/zh-CN.json";
import type { Language } from "./bindings";

/** Every key of the locale files. zh-CN is the reference; a test keeps en.json in step with it. */
export type MessageKey = keyof typeof zhCN;

export type Params = Readonly<Record<string, string | number>>;

/** One language's messages. */
export type Messages = Readonly<Record<MessageKey, string>>;

/** Typed as `Messages`: a key missing from en.json fails the type check. */
const LOADERS: Readonly<Record<Language, () => Promise<Messages>>> = {
  "zh-CN": () => import("./locales/zh-CN.json").then((m): Messages => m.default),
  en: () => import("./locales/en.json").then((m): Messages => m.default),
};

const loaded: Partial<Record<Language, Messages>> = {};
const loading: Partial<Record<Language, Promise<Messages>>> = {};

/** Loads a language's messages (once; later calls share the first). */
export function loadLocale(language: Language): Promise<Messages> {
  const done = loaded[language];
  if (done) return Promise.resolve(done);
  let pending = loading[language];
  if (!pending) {
    pending = LOADERS[language]().then(
      (messages) => {
        loaded[language] = messages;
        return messages;
      },
      (reason: unknown) => {
        // Tried again on the next call rather than failing for ever.
        delete loading[language];
        throw reason;
      },
    );
    loading[language] = pending;
  }
  return pending;
}

/** Whether a language's messages are here (no waiting to show them). */
export function localeLoaded(language: Language): boolean {
  return loaded[language] !== undefined;
}

/** Puts messages in place without loading them: the tests' setup, which has both at hand. */
export function provideLocale(language: Language, messages: Messages): void {
  loaded[language] = messages;
}

/** Forgets every loaded language: a test of the start, which must load only its own. */
export function forgetLocales(): void {
  for (const language of Object.keys(loaded) as Language[]) delete loaded[language];
  for (const language of Object.keys(loading) as Language[]) delete loading[language];
}

/**
 * A language's messages; until they are loaded, those of a language that is (the keys are the same
 * in every file), and with none loaded, each key as itself.
 */
export function messagesOf(language: Language): Messages {
  return loaded[language] ?? loaded["zh-CN"] ?? loaded.en ?? KEYS_AS_MESSAGES;
}

const KEYS_AS_MESSAGES: Messages = new Proxy({} as Messages, {
  get: (_, key) => (typeof key === "string" ? key : undefined),
});

export const DEFAULT_LANGUAGE: Language = "zh-CN";

export const LANGUAGES: readonly Language[] = ["zh-CN", "en"];

const LANGUAGE_KEY = "farmstall.language";

/**
 * The language this PC showed last (the webview's own storage), else the default: the locale file
 * the start loads while it asks the shop which language it has. The shop's setting stays the truth.
 */
export function rememberedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_KEY);
    return LANGUAGES.find((l) => l === stored) ?? DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // A PC that cannot store it loads the default's file first, and the shop's after the start.
  }
}

/** Whether `key` is a message (of the loaded languages: every file has the same keys). */
export function isMessageKey(key: string): key is MessageKey {
  const any = loaded["zh-CN"] ?? loaded.en;
  return any !== undefined && Object.prototype.hasOwnProperty.call(any, key);
}

/** Replaces `{name}` placeholders; a placeholder without a value is left as it is. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return interpolate(messagesOf(language)[key], params);
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/**
 * A message kept as its key and parameters, translated only when shown: a notice raised in Chinese
 * reads in English after a switch of language.
 */
export type Phrase = {
  key: MessageKey;
  params?: Params;
  /** Parameters that are messages themselves (an order's state), also translated only when shown. */
  named?: Readonly<Record<string, MessageKey>>;
};

export function phrase(key: MessageKey, params?: Params): Phrase {
  return params ? { key, params } : { key };
}

function namedParams(t: Translate, named: Readonly<Record<string, MessageKey>>): Record<string, string> {
  return Object.fromEntries(Object.entries(named).map(([name, key]) => [name, t(key)]));
}

/** Translates one phrase, or several as one line (joined by a space). */
export function say(t: Translate, phrases: Phrase | readonly Phrase[]): string {
  const list: readonly Phrase[] = Array.isArray(phrases) ? phrases : [phrases as Phrase];
  return list.map((p) => t(p.key, p.named ? { ...p.params, ...namedParams(t, p.named) } : p.params)).join(" ");
}
