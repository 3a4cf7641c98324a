// Unmounts rendered components between tests (vitest runs without globals, so RTL cannot do it itself),
// and puts both languages' messages in place: the window loads a locale file when its language is
// first shown (i18n.ts), but a component under test renders at once, in either language.
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { provideLocale } from "./i18n";
import zhCN from "./locales/zh-CN.json";
import en from "./locales/en.json";

provideLocale("zh-CN", zhCN);
provideLocale("en", en);

afterEach(() => {
  cleanup();
});
