// Translations: every user-visible string lives in locales/*.json; this module looks them up.
import zhCN from "./locales/zh-CN.json";
import en from "./locales/en.json";
import type { Language } from "./bindings";

/** Every key of the locale files. zh-CN is the reference; a test keeps en.json in step with it. */
export type MessageKey = keyof typeof zhCN;

export type Params = Readonly<Record<string, string | number>>;

/** Typed as Record<MessageKey, string>: a key missing from en.json fails the type check. */
export const messages: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  "zh-CN": zhCN,
  en,
};

export const DEFAULT_LANGUAGE: Language = "zh-CN";

export const LANGUAGES: readonly Language[] = ["zh-CN", "en"];

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
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
  return interpolate(messages[language][key], params);
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
