import { describe, expect, it } from "vitest";
import { scaleText } from "./Chart";

describe("a chart's words", () => {
  it("are 14 px at normal text and grow with 大字, on every axis, the legend and the tooltip", () => {
    const option = { xAxis: { type: "category" }, yAxis: [{ type: "value" }, { type: "value", axisLabel: { color: "#333" } }], legend: {}, tooltip: {} };
    const normal = scaleText(option, 16) as Record<string, any>;
    expect(normal.xAxis.axisLabel.fontSize).toBe(14);
    expect(normal.yAxis[1].axisLabel).toEqual({ fontSize: 14, color: "#333" });
    const large = scaleText(option, 24) as Record<string, any>;
    expect(large.xAxis.axisLabel.fontSize).toBe(21);
    expect(large.legend.textStyle.fontSize).toBe(21);
    expect(large.tooltip.textStyle.fontSize).toBe(21);
    expect(large.textStyle.fontSize).toBe(21);
  });

  it("keep a size the chart chose itself, and add no axis the chart has not", () => {
    const own = scaleText({ xAxis: { axisLabel: { fontSize: 11 } } }, 24) as Record<string, any>;
    expect(own.xAxis.axisLabel.fontSize).toBe(11);
    expect(own.yAxis).toBeUndefined();
  });
});
