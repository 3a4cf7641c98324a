// Entry point: asks for the first screen's data and loads this PC's language before anything else
// (both on their way while React renders), then mounts the app into index.html's #root.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import * as api from "./api";
import { loadLocale, rememberedLanguage } from "./i18n";
import "./styles.css";

const starting = api.start();
// The app reports a failure of the start itself; this only keeps an early one from counting as unhandled.
starting.catch(() => undefined);
loadLocale(rememberedLanguage()).catch(() => undefined); // the provider tries again

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App starting={starting} />
    </StrictMode>,
  );
}
