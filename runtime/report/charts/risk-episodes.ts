import { reportMessages } from "../../messages/report.js";
import type { RiskEpisode } from "../../risk/episodes.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor, timeX } from "./encodings.js";

export interface RiskEpisodesChartOptions extends ChartSize {
  /** Length of one bar in ms: an episode is drawn to the end of its last bar (default: one day). */
  readonly barMs?: number;
  /** The backtested period [first, last bar time], so the timeline lines up with the equity chart. */
  readonly domain?: readonly [number, number];
}

/**
 * Timeline of the risk episodes: one lane per rule, a bar from an episode's
 * first bar to the end of its last, darker where the rule cut exposure more
 * (opacity = 1 − min scale, at least 0.35).
 */
export function riskEpisodesChart(
  episodes: readonly RiskEpisode[],
  options: RiskEpisodesChartOptions = {},
): ChartSpec {
  const barMs = options.barMs !== undefined && options.barMs > 0 ? options.barMs : 86_400_000;
  const rules = [...new Set(episodes.map((e) => e.rule))];
  const colors = rules.map((_, i) => PALETTE.series[i % PALETTE.series.length]!);
  const values = episodes.map((e) => ({
    series: e.rule,
    t: e.firstTime,
    t2: e.lastTime + barMs,
    o: Math.max(0.35, Math.min(1, 1 - (e.minScale ?? 0.5))),
  }));
  const rects = {
    data: { values },
    mark: { type: "rect" as const, cornerRadius: 1 },
    encoding: {
      x: timeX(),
      x2: { field: "t2" },
      y: {
        field: "series",
        type: "nominal" as const,
        sort: rules,
        title: null,
        axis: { labelLimit: 200 },
      },
      color: { ...seriesColor(rules, colors), legend: null },
      opacity: { field: "o", type: "quantitative" as const, scale: null, legend: null },
    },
  };
  // Invisible points at the period's ends stretch the time axis to the whole backtest.
  const ends = options.domain
    ? [
        {
          data: { values: options.domain.map((t) => ({ t })) },
          mark: { type: "point" as const, opacity: 0 },
          encoding: { x: timeX() },
        },
      ]
    : [];
  return {
    name: "risk-episodes",
    title: reportMessages.riskEpisodes.chartTitle(),
    spec: {
      width: options.width ?? DEFAULT_WIDTH - 120,
      height: options.height ?? Math.max(40, rules.length * 26),
      layer: [rects, ...ends],
    },
  };
}
