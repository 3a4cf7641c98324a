// Vite builds the UI into ui/dist, which Tauri serves from its own origin; the vitest section runs
// the unit and component tests in jsdom.
import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  // ECharts' class helper, made safe for the window's frozen prototypes (src/vendor/tslib.ts).
  resolve: {
    alias: [{ find: /^tslib$/, replacement: "/src/vendor/tslib.ts" }],
  },
  // Relative asset URLs: the files are loaded from the Tauri asset protocol, not a web server root.
  base: "./",
  // Tauri's dev server expects a fixed port; nothing here loads remote content.
  server: { port: 1420, strictPort: true, host: "127.0.0.1" },
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK (Linux) and WKWebView (macOS) in supported releases handle ES2021 well.
    target: "es2021",
    sourcemap: false,
    // Keep everything in files so that a CSP of 'self' (no data: for scripts/styles) suffices.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    restoreMocks: true,
  },
});
