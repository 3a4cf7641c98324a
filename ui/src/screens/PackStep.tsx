// The pack step of the order dialog: the packer ticks each goods line as it goes into the parcel (by
// hand, or by scanning its barcode or typing the product's name into `pack-scan`), checks the
// packaging the shop's rules suggest (boxes, ice packs…), types the weight, and packs. Rust takes the goods and packaging
// out of their lots first-expiry-first; when anything is short it refuses everything at once and each
// short line says how much there is (`lines.<i>`, `packaging.<i>.quantity`, `not_enough_stock`).
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import * as api from "../api";
import type { InputLine, Order, PackagingSuggestion, Product } from "../bindings";
import { ComboboxField } from "../components/Combobox";
import { FormError, TextField } from "../components/Field";
import { add, multiply, parseDecimal, toText, type Decimal } from "../decimal";
import { countUnitLabel, formatQuantity, trimDecimal, unitLabel } from "../format";
import { useSaveForm } from "../hooks";
import { useI18n } from "../i18nContext";
import { scannedLine } from "./orderText";
import { productOption } from "./pickerOptions";

type PackValues = { ticked: boolean[]; packaging: InputLine[]; weightKg: string; packedBy: string };

const PACKAGING_PATH = /^packaging\.(\d+)\.(productId|quantity)$/;

/** The active packaging products (boxes, ice packs) the packaging lines offer. */
function usePackagingProducts(): Product[] | null {
  const [products, setProducts] = useState<Product[] | null>(null);
  useEffect(() => {
    let current = true;
    api.listProducts({ search: "", includeArchived: false, limit: 500, offset: 0, kind: "packaging" }).then(
      (page) => {
        if (current) setProducts(page.items);
      },
      () => {
        if (current) setProducts([]);
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return products;
}

/** The parcel's weight from the products' shipping weights, when every line's product has one. */
export function estimatedWeight(order: Pick<Order, "lines">, productOf: (id: string) => Product | undefined): string | null {
  let sum: Decimal = { units: 0n, scale: 0 };
  for (const line of order.lines) {
    const weight = productOf(line.productId)?.weightKg;
    const perUnit = weight ? parseDecimal(weight) : null;
    const quantity = parseDecimal(line.quantity);
    if (perUnit === null || quantity === null) return null;
    sum = add(sum, multiply(perUnit, quantity));
  }
  return order.lines.length === 0 ? null : trimDecimal(toText(sum));
}

export function PackStep({
  order,
  productOf,
  onPacked,
  onBack,
  onDirty,
}: {
  order: Order;
  productOf: (id: string) => Product | undefined;
  onPacked: (order: Order) => void;
  onBack: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const { t, language } = useI18n();
  const [values, setValues] = useState<PackValues>(() => ({
    ticked: order.lines.map(() => false),
    packaging: [],
    weightKg: order.weightKg ?? "",
    packedBy: order.packedBy ?? "",
  }));
  const [scan, setScan] = useState("");
  const [scanNote, setScanNote] = useState<{ found: boolean; text: string } | null>(null);
  const [suggestion, setSuggestion] = useState<PackagingSuggestion | null>(null);
  const packagingProducts = usePackagingProducts();
  const nextKey = useRef(0);
  const [keys, setKeys] = useState<number[]>([]);

  const label = (path: string): string => {
    if (path === "packedBy") return t("pack.field.packedBy");
    if (path === "weightKg") return t("pack.field.weightKg");
    const m = PACKAGING_PATH.exec(path);
    if (m) return m[2] === "productId" ? t("pack.field.packagingProduct") : t("pack.field.quantity");
    if (path === "packaging") return t("pack.sectionPackaging");
    const line = /^lines\.(\d+)$/.exec(path);
    if (line) return order.lines[Number(line[1])]?.productName ?? path;
    return path;
  };
  const form = useSaveForm<string, PackValues>(label, values);
  const { clearError, setBaseline, dirty } = form;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  // Prefill the packaging from the shop's rules and the packer from who is working. Either may be
  // missing (an older Rust side, no rules, nobody working): the fields then start empty.
  useEffect(() => {
    let current = true;
    api.suggestPackaging(order.id).then(
      (s) => {
        if (!current) return;
        setSuggestion(s);
        const packaging = s.packaging.map((l) => ({ productId: l.productId, quantity: trimDecimal(l.quantity) }));
        setKeys(packaging.map(() => nextKey.current++));
        setValues((prev) => (prev.packaging.length === 0 ? { ...prev, packaging } : prev));
        setBaseline((prev) => (prev.packaging.length === 0 ? { ...prev, packaging } : prev));
      },
      () => undefined,
    );
    if (order.packedBy === null || order.packedBy === "") {
      api.currentMember().then(
        (member) => {
          if (!current || member === null) return;
          setValues((prev) => (prev.packedBy === "" ? { ...prev, packedBy: member.name } : prev));
          setBaseline((prev) => (prev.packedBy === "" ? { ...prev, packedBy: member.name } : prev));
        },
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [order.id, order.packedBy, setBaseline]);

  function tick(index: number, on: boolean) {
    setValues((prev) => ({ ...prev, ticked: prev.ticked.map((v, i) => (i === index ? on : v)) }));
  }

  function onScanKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const code = scan.trim();
    if (code === "") return;
    const index = scannedLine(code, order.lines, values.ticked, productOf);
    if (index === null) {
      setScanNote({ found: false, text: t("pack.scanUnknown", { code }) });
    } else {
      tick(index, true);
      setScanNote({ found: true, text: t("pack.scanTicked", { name: order.lines[index]?.productName ?? "" }) });
    }
    setScan("");
  }

  function setPackaging(index: number, field: keyof InputLine, value: string) {
    setValues((prev) => ({ ...prev, packaging: prev.packaging.map((l, i) => (i === index ? { ...l, [field]: value } : l)) }));
    clearError(`packaging.${index}.${field}`, "packaging");
  }

  function addPackaging() {
    setValues((prev) => ({ ...prev, packaging: [...prev.packaging, { productId: "", quantity: "1" }] }));
    setKeys((k) => [...k, nextKey.current++]);
    clearError("packaging");
  }

  function removePackaging(index: number) {
    setValues((prev) => ({ ...prev, packaging: prev.packaging.filter((_, i) => i !== index) }));
    setKeys((k) => k.filter((_, i) => i !== index));
    // The messages of later lines would now sit on the wrong line: drop the packaging messages.
    form.setErrors({
      ...form.errors,
      fields: Object.fromEntries(Object.entries(form.errors.fields).filter(([path]) => !path.startsWith("packaging"))),
    });
  }

  const shown = [
    ...order.lines.map((_, i) => `lines.${i}`),
    "packaging",
    ...values.packaging.flatMap((_, i) => [`packaging.${i}.productId`, `packaging.${i}.quantity`]),
    "weightKg",
    "packedBy",
  ];

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown,
      save: () => api.packOrder({ orderId: order.id, packaging: values.packaging, weightKg: values.weightKg, packedBy: values.packedBy }),
      onSaved: onPacked,
    });

  /** What a short line says: how much there is, in the unit Rust names (`params.unit`; else the line's stock unit). */
  function shortMessage(path: string, name: string, unit: string | undefined): string | undefined {
    const issue = form.errors.fields[path];
    const available = issue?.params?.available;
    if (issue?.rule === "not_enough_stock" && available !== undefined) {
      const u = issue.params?.unit ?? unit;
      return t("pack.short", { name, available: u ? formatQuantity(available, u, language) : trimDecimal(available) });
    }
    return form.error(path);
  }

  const packagingOf = (id: string) => packagingProducts?.find((p) => p.id === id);
  // Only packaging (boxes, ice packs, tape) is offered here: the goods were ticked above.
  const packagingOptions = (packagingProducts ?? []).filter((p) => p.kind === "packaging").map((p) => productOption(p, language, t));
  const tickedCount = values.ticked.filter(Boolean).length;
  // Rust works the weight out with the suggestion; until it answers (or without it) the UI does.
  const estimate = suggestion && suggestion.weightKg !== "" ? trimDecimal(suggestion.weightKg) : estimatedWeight(order, productOf);
  const anyShort = Object.values(form.errors.fields).some((i) => i?.rule === "not_enough_stock");

  return (
    <form data-testid="pack-form" className="form pack-form" onSubmit={submit} noValidate ref={form.ref}>
      {anyShort ? (
        <div className="form-error" data-testid="pack-short" role="alert">
          {t("pack.shortLead")}
        </div>
      ) : null}
      <fieldset className="form-section">
        <legend>{t("pack.sectionGoods")}</legend>
        <div className="field pack-scan">
          <label className="field-label" htmlFor="pack-scan">
            {t("pack.scan")}
          </label>
          <input
            id="pack-scan"
            data-testid="pack-scan"
            type="text"
            value={scan}
            placeholder={t("pack.scanPlaceholder")}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setScan(e.target.value)}
            onKeyDown={onScanKey}
          />
          {scanNote ? (
            <div className={scanNote.found ? "field-hint order-paste-found" : "field-error"} data-testid="pack-scan-note" aria-live="polite">
              {scanNote.text}
            </div>
          ) : null}
        </div>
        <ul className="pack-lines">
          {order.lines.map((line, i) => {
            const issue = form.errors.fields[`lines.${i}`];
            const message = shortMessage(`lines.${i}`, line.productName, line.stockUnit);
            return (
              <li key={i} className={issue ? "pack-line pack-line-short" : values.ticked[i] ? "pack-line pack-line-done" : "pack-line"} data-testid="pack-goods" data-short={issue ? "true" : undefined}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    data-testid={`pack-line-${i}`}
                    checked={values.ticked[i] ?? false}
                    aria-invalid={issue ? true : undefined}
                    aria-describedby={issue ? `error-pack-lines-${i}` : undefined}
                    onChange={(e) => tick(i, e.target.checked)}
                  />
                  <span className="cell-strong">{line.productName}</span>
                  <span className="pack-line-qty">{t("pack.lineQuantity", { quantity: trimDecimal(line.quantity), unit: countUnitLabel(line.saleUnit, language) })}</span>
                </label>
                {message ? (
                  <div className="field-error" id={`error-pack-lines-${i}`} data-testid={`error-pack-lines-${i}`} role="alert">
                    {message}
                    {issue && issue.message ? <div className="form-error-detail">{t("error.detail", { message: issue.message })}</div> : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        <div className="field-hint" data-testid="pack-progress">
          {tickedCount === order.lines.length ? t("pack.allTicked") : t("pack.progress", { done: tickedCount, all: order.lines.length })}
        </div>
      </fieldset>

      <fieldset className="form-section" tabIndex={-1} aria-invalid={form.error("packaging") ? true : undefined}>
        <legend>{t("pack.sectionPackaging")}</legend>
        {suggestion && (suggestion.reasons.length > 0 || suggestion.unmatched.length > 0) ? (
          <div className="pack-suggestion" data-testid="pack-suggestion">
            {suggestion.reasons.map((r, i) => (
              <div key={i} className="field-hint">
                {r}
              </div>
            ))}
            {suggestion.unmatched.length > 0 ? <div className="field-hint">{t("pack.unmatched", { names: suggestion.unmatched.join(t("orders.itemSeparator")) })}</div> : null}
          </div>
        ) : null}
        {values.packaging.length === 0 ? <p className="muted">{t("pack.noPackaging")}</p> : null}
        {values.packaging.map((line, i) => {
          const product = packagingOf(line.productId);
          return (
            <div className="pack-packaging" key={keys[i] ?? i} role="group" aria-label={t("pack.packagingLine", { n: i + 1 })}>
              <ComboboxField
                form="pack"
                name={`packaging-${i}-productId`}
                label={label(`packaging.${i}.productId`)}
                value={line.productId}
                onChange={(v) => setPackaging(i, "productId", v)}
                error={form.error(`packaging.${i}.productId`)}
                placeholder={packagingProducts === null ? t("common.loading") : t("pack.choosePackaging")}
                options={
                  line.productId !== "" && packagingProducts !== null && !product
                    ? [...packagingOptions, { value: line.productId, label: t("orders.productGone") }]
                    : packagingOptions
                }
              />
              <TextField
                form="pack"
                name={`packaging-${i}-quantity`}
                label={label(`packaging.${i}.quantity`)}
                inputMode="decimal"
                suffix={product ? unitLabel(product.stockUnit, language) : undefined}
                value={line.quantity}
                onChange={(v) => setPackaging(i, "quantity", v)}
                error={shortMessage(`packaging.${i}.quantity`, product?.nameZh ?? t("pack.field.packagingProduct"), product?.stockUnit)}
              />
              <button type="button" className="btn btn-small btn-quiet pack-packaging-remove" data-testid={`pack-packaging-${i}-remove`} onClick={() => removePackaging(i)}>
                {t("order.removeLine")}
              </button>
            </div>
          );
        })}
        {form.error("packaging") ? (
          <div className="field-error" data-testid="error-pack-packaging" role="alert">
            {form.error("packaging")}
          </div>
        ) : null}
        <button type="button" className="btn btn-secondary" data-testid="pack-add-packaging" onClick={addPackaging}>
          <span aria-hidden="true" className="btn-plus">
            +
          </span>
          {t("pack.addPackaging")}
        </button>
      </fieldset>

      <div className="form-grid">
        <TextField
          form="pack"
          name="weight"
          errorName="weightKg"
          label={label("weightKg")}
          inputMode="decimal"
          suffix={t("pack.kg")}
          value={values.weightKg}
          onChange={(v) => {
            setValues((prev) => ({ ...prev, weightKg: v }));
            clearError("weightKg");
          }}
          hint={estimate !== null ? t("pack.weightEstimate", { kg: estimate }) : undefined}
          error={form.error("weightKg")}
        />
        <TextField
          form="pack"
          name="packer"
          errorName="packedBy"
          label={label("packedBy")}
          required
          value={values.packedBy}
          onChange={(v) => {
            setValues((prev) => ({ ...prev, packedBy: v }));
            clearError("packedBy");
          }}
          error={form.error("packedBy")}
        />
      </div>
      <FormError problem={form.errors.form} />
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" data-testid="pack-back" onClick={onBack}>
          {t("common.back")}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="pack-save" disabled={form.saving}>
          {form.saving ? t("pack.saving") : t("pack.save")}
        </button>
      </div>
    </form>
  );
}
