// China's 31 mainland provinces as a tile grid, each tile placed roughly where the province lies and
// coloured by its share of the sales: a map a person reads at a glance, with no map data to load.
import type { SalesRow } from "../bindings";
import { formatMoney } from "../format";
import { useI18n } from "../i18nContext";

/** Short name, row, column. */
export const PROVINCE_TILES: readonly (readonly [string, number, number])[] = [
  ["黑龙江", 0, 8],
  ["内蒙古", 1, 5],
  ["吉林", 1, 8],
  ["新疆", 2, 1],
  ["甘肃", 2, 3],
  ["宁夏", 2, 4],
  ["山西", 2, 5],
  ["北京", 2, 6],
  ["天津", 2, 7],
  ["辽宁", 2, 8],
  ["青海", 3, 2],
  ["陕西", 3, 4],
  ["河南", 3, 5],
  ["河北", 3, 6],
  ["山东", 3, 7],
  ["西藏", 4, 1],
  ["四川", 4, 3],
  ["重庆", 4, 4],
  ["湖北", 4, 5],
  ["安徽", 4, 6],
  ["江苏", 4, 7],
  ["上海", 4, 8],
  ["云南", 5, 3],
  ["贵州", 5, 4],
  ["湖南", 5, 5],
  ["江西", 5, 6],
  ["浙江", 5, 7],
  ["广西", 6, 4],
  ["广东", 6, 5],
  ["福建", 6, 6],
  ["海南", 7, 5],
];

/** "广西壮族自治区" -> "广西", "北京市" -> "北京", "广东省" -> "广东". */
export function shortProvince(name: string): string {
  return name
    .trim()
    .replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/u, "");
}

/** Tenths of the largest revenue, 0..10, for a tile's colour. */
function shade(value: number, most: number): number {
  if (most <= 0 || value <= 0) return 0;
  return Math.max(1, Math.round((value / most) * 10));
}

/** The rows with the smallest and the largest revenue above zero, for the legend's two ends. */
export function revenueRange(rows: readonly SalesRow[]): { low: SalesRow; high: SalesRow } | null {
  const sold = rows.filter((r) => (Number(r.figures.revenue) || 0) > 0);
  if (sold.length === 0) return null;
  const value = (r: SalesRow) => Number(r.figures.revenue) || 0;
  const low = sold.reduce((a, b) => (value(b) < value(a) ? b : a));
  const high = sold.reduce((a, b) => (value(b) > value(a) ? b : a));
  return { low, high };
}

export function ProvinceTiles({ rows }: { rows: readonly SalesRow[] }) {
  const { t } = useI18n();
  const byName = new Map<string, SalesRow>();
  for (const r of rows) byName.set(shortProvince(r.key), r);
  const most = Math.max(0, ...rows.map((r) => Number(r.figures.revenue) || 0));
  const range = revenueRange(rows);
  return (
    <div className="province-map">
      <div className="province-tiles" data-testid="province-tiles" role="list" aria-label={t("sales.mapLabel")}>
        {PROVINCE_TILES.map(([name, row, col]) => {
          const r = byName.get(name);
          const revenue = r ? Number(r.figures.revenue) || 0 : 0;
          const level = shade(revenue, most);
          return (
            <div
              key={name}
              role="listitem"
              className={`province-tile shade-${level}`}
              style={{ gridRow: row + 1, gridColumn: col + 1 }}
              title={r ? `${r.key}: ${formatMoney(r.figures.revenue)} · ${t("sales.repeat.orders", { count: r.figures.orders })}` : name}
              data-testid="province-tile"
              data-province={name}
              data-level={level}
            >
              <span className="province-name">{name}</span>
              {r ? <span className="province-figure">{r.figures.orders}</span> : null}
            </div>
          );
        })}
      </div>
      {/* What the colours and the numbers mean: a map without a key is a puzzle. */}
      <div className="province-legend" data-testid="province-legend">
        <span>{t("sales.map.darker")}</span>
        {range ? (
          <span className="province-legend-scale">
            <span data-testid="province-legend-low">{formatMoney(range.low.figures.revenue)}</span>
            <span className="province-legend-bar" aria-hidden="true" />
            <span data-testid="province-legend-high">{formatMoney(range.high.figures.revenue)}</span>
          </span>
        ) : null}
        <span className="province-legend-none">
          <span className="province-tile-swatch" aria-hidden="true" />
          {t("sales.map.none")}
        </span>
        <span>{t("sales.map.figure")}</span>
      </div>
    </div>
  );
}
