// A chart drawn by ECharts (only the parts Farmstall uses are bundled: bar and line charts, axes,
// tooltip, legend; drawn as SVG so text stays sharp at any zoom). The chart follows its box's size.
import { useEffect, useRef } from "react";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** The window's text size in px (16 at 100 %, 24 at 大字 150 %). */
function rootPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

function withFont(part: unknown, fontSize: number, key: "axisLabel" | "textStyle"): unknown {
  if (Array.isArray(part)) return part.map((p) => withFont(p, fontSize, key));
  if (typeof part !== "object" || part === null) return part;
  const own = (part as Record<string, unknown>)[key];
  return { ...part, [key]: { fontSize, ...(typeof own === "object" && own !== null ? own : {}) } };
}

/**
 * The option with the axes', legend's and tooltip's text at 14 px per 100 % of the window's text
 * size (大字 grows the charts' words too), unless the option sets its own sizes.
 */
export function scaleText(option: ChartOption, px: number): ChartOption {
  const fontSize = Math.round(px * 0.875);
  const o = option as Record<string, unknown>;
  return {
    ...option,
    textStyle: { fontSize, ...((o.textStyle as object | undefined) ?? {}) },
    ...(o.xAxis ? { xAxis: withFont(o.xAxis, fontSize, "axisLabel") } : {}),
    ...(o.yAxis ? { yAxis: withFont(o.yAxis, fontSize, "axisLabel") } : {}),
    ...(o.legend ? { legend: withFont(o.legend, fontSize, "textStyle") } : {}),
    ...(o.tooltip ? { tooltip: withFont(o.tooltip, fontSize, "textStyle") } : {}),
  };
}

export function Chart({ option, label, testId }: { option: ChartOption; label: string; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: "svg" });
    chart.current = c;
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => c.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const draw = () => chart.current?.setOption(scaleText(option, rootPx()), true);
    draw();
    // 大字 changed while the chart shows: draw its words at the new size.
    const observer = typeof MutationObserver === "undefined" ? null : new MutationObserver(draw);
    observer?.observe(document.documentElement, { attributes: true, attributeFilter: ["data-text-size"] });
    return () => observer?.disconnect();
  }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-testid={testId} />;
}
