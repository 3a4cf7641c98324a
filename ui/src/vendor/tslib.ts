// tslib as ECharts and zrender use it, with one helper changed for Tauri's frozen prototypes
// (`freezePrototype` in tauri.conf.json freezes Object.prototype against prototype pollution).
// tslib's `__extends` sets `this.constructor = d` on a new object; with Object.prototype frozen
// that assignment throws in strict code (its `constructor` is read-only and inherited), so the
// whole bundle failed to load in the desktop window. Defining the property instead is the same
// prototype chain without the assignment. vite.config.ts points `tslib` here.
/* eslint-disable */
// @ts-expect-error: the plain ES module of tslib that npm keeps beside ECharts has no types of its own
export * from "../../node_modules/echarts/node_modules/tslib/tslib.es6.js";

// The statics are copied as tslib does.
const extendStatics: (d: object, b: object) => void = (d, b) => {
  Object.setPrototypeOf(d, b);
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function __extends(d: any, b: any): void {
  if (typeof b !== "function" && b !== null) {
    throw new TypeError("Class extends value " + String(b) + " is not a constructor or null");
  }
  extendStatics(d, b);
  d.prototype = Object.create(b === null ? null : b.prototype, {
    constructor: { value: d, writable: true, configurable: true, enumerable: false },
  });
}
