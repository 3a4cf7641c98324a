// The one Node function the tests use (the style sheet test reads styles.css); the app itself
// never touches the file system from the webview.
declare module "node:fs" {
  export function readFileSync(path: string, encoding: "utf8"): string;
}
