// Products, farmers and family members as the searching pickers (components/Combobox.tsx) offer
// them: the whole name, a second line that tells alike names apart (pack size, price, village),
// and Rust's pinyin key so that typing "mht" or "mihoutao" finds 猕猴桃.
import type { Employee, Farmer, Language, Product } from "../bindings";
import type { ComboOption } from "../components/Combobox";
import { countUnitLabel, formatMoney, unitLabel } from "../format";
import type { Translate } from "../i18n";

export type ProductShow = {
  /** The price per sale unit (orders), instead of the sale unit alone. */
  price?: boolean;
  /** The kind (goods, ingredient, packaging), where a picker offers every kind (purchases). */
  kind?: boolean;
};

/**
 * A product in a picker: its name in the app's language (in English the English name, the Chinese
 * one under it), then its pack size ("箱(5斤)") or price per sale unit.
 */
export function productOption(p: Product, language: Language, t: Translate, show: ProductShow = {}): ComboOption {
  const english = language === "en" && p.nameEn ? p.nameEn : null;
  const parts = [
    english ? p.nameZh : null,
    show.kind ? t(`productKind.${p.kind}`) : null,
    show.price ? `${formatMoney(p.price)}/${countUnitLabel(p.saleUnit, language)}` : unitLabel(p.saleUnit, language),
  ];
  return {
    value: p.id,
    label: english ?? p.nameZh,
    detail: parts.filter((s): s is string => s !== null && s !== "").join(" · "),
    searchKey: p.searchKey,
  };
}

/** A farmer in a picker: the name, the village under it (two 王德贵 live in different villages). */
export function farmerOption(f: Farmer): ComboOption {
  return { value: f.id, label: f.name, detail: f.village || undefined, searchKey: f.searchKey };
}

/** A family member who is paid, with how they are related. */
export function employeeOption(e: Employee): ComboOption {
  return { value: e.memberId, label: e.name, detail: e.relation || undefined, searchKey: e.searchKey };
}
