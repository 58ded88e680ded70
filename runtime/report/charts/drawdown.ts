import type { DrawdownPeriodRow, TimeSeries } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { timeX } from "./encodings.js";
import { timePoints } from "./points.js";

export interface DrawdownChartOptions extends ChartSize {
  /** The worst periods (deepest first), shaded from peak to recovery and numbered 1, 2, … */
  readonly periods?: readonly DrawdownPeriodRow[];
}

/** Underwater curve: drawdown from the running peak (fractions ≤ 0) as a filled area. */
export function drawdownChart(drawdown: TimeSeries, options: DrawdownChartOptions = {}): ChartSpec {
  const underwater = {
    data: { values: timePoints(drawdown, "drawdown") },
    mark: {
      type: "area" as const,
      color: PALETTE.loss,
      opacity: 0.55,
      line: { color: PALETTE.loss },
    },
    encoding: {
      x: timeX(),
      y: {
        field: "v",
        type: "quantitative" as const,
        title: "drawdown",
        axis: { format: ".0%" },
      },
    },
  };
  const size = { width: options.width ?? DEFAULT_WIDTH, height: options.height ?? 160 };
  const periods = options.periods ?? [];
  if (!periods.length) {
    return { name: "drawdown", title: "Underwater (drawdown)", spec: { ...size, ...underwater } };
  }
  const last = drawdown.times[drawdown.times.length - 1] ?? 0;
  const spans = periods.map((p, k) => ({
    start: p.start,
    end: p.recovery ?? last,
    label: String(k + 1),
  }));
  return {
    name: "drawdown",
    title: `Underwater (drawdown), the ${periods.length} worst periods shaded`,
    spec: {
      ...size,
      layer: [
        {
          data: { values: spans },
          mark: { type: "rect", color: "#f4b183", opacity: 0.35 },
          encoding: { x: { ...timeX(), field: "start" }, x2: { field: "end" } },
        },
        {
          data: { values: spans },
          mark: {
            type: "text",
            align: "left",
            baseline: "top",
            dx: 3,
            dy: 3,
            fontSize: 10,
            fontWeight: "bold",
            color: "#7a3b00",
          },
          encoding: {
            x: { ...timeX(), field: "start" },
            y: { value: 0 },
            text: { field: "label" },
          },
        },
        underwater,
      ],
    },
  };
}
