// Exact decimal arithmetic for the hints a form shows while the user types (a line total from a unit
// price, a running total). No binary floating point: a value is a BigInt count of 10^-scale. Rust does
// the real calculation when the form is saved; these only have to agree with it.

/** `units` × 10^-`scale`: { units: 327500n, scale: 5 } is 3.275. */
export type Decimal = { readonly units: bigint; readonly scale: number };

const PLAIN = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * "23.5", "0.5", ".5", "12." -> a Decimal; anything else (empty, "1e3", "1,5", "abc") -> null.
 * Surrounding spaces are ignored; full-width digits ("１２．５") read as the same number.
 */
export function parseDecimal(text: string): Decimal | null {
  const m = PLAIN.exec(halfWidth(text).trim());
  if (!m) return null;
  const [, sign = "", whole = "", fraction = ""] = m;
  if (whole === "" && fraction === "") return null;
  const units = BigInt(`${whole || "0"}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** Full-width digits, point and minus (a Chinese input method's) as ASCII, as Rust reads them. */
function halfWidth(text: string): string {
  return text.replace(/[０-９．－]/g, (c) => (c === "．" ? "." : c === "－" ? "-" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** The same value with `scale` places (`scale` not below the value's own). */
function rescale(a: Decimal, scale: number): bigint {
  return a.units * pow10(scale - a.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: Decimal, b: Decimal): Decimal {
  return add(a, { units: -b.units, scale: b.scale });
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n;
}

/** `numerator / denominator` rounded half away from zero; both BigInt. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** Rounded half away from zero to `places` decimals: 76.9625 -> 76.96, 0.125 -> 0.13, -0.125 -> -0.13. */
export function round(a: Decimal, places: number): Decimal {
  if (a.scale <= places) return { units: rescale(a, places), scale: places };
  return { units: divideRounded(a.units, pow10(a.scale - places)), scale: places };
}

/** `a / b` rounded half away from zero to `places` decimals; null when `b` is zero. */
export function divide(a: Decimal, b: Decimal, places: number): Decimal | null {
  if (isZero(b)) return null;
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^places.
  const numerator = a.units * pow10(places + b.scale);
  const denominator = b.units * pow10(a.scale);
  return { units: divideRounded(numerator, denominator), scale: places };
}

/** Exactly equal in value, whatever the scales ("1.50" and "1.5"). */
export function equals(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) === rescale(b, scale);
}

/** The value as text with exactly its own number of places: { units: 7696n, scale: 2 } -> "76.96". */
export function toText(a: Decimal): string {
  const negative = a.units < 0n;
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, "0");
  const whole = digits.slice(0, digits.length - a.scale);
  const fraction = digits.slice(digits.length - a.scale);
  return `${negative ? "-" : ""}${whole}${a.scale > 0 ? `.${fraction}` : ""}`;
}
