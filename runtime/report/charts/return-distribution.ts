import type { ReturnDistributionSection } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { seriesColor } from "./encodings.js";

export interface HistogramBin {
  readonly lo: number;
  readonly hi: number;
  /** Share of the series' observations in [lo, hi) (the last bin is closed). */
  readonly share: number;
  readonly series: string;
}

/**
 * Equal-width histogram of several series over common bin edges, as shares
 * of each series' finite observations so series of different length compare.
 */
export function histogramBins(
  series: readonly { name: string; values: ArrayLike<number> }[],
  binCount: number,
): HistogramBin[] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!Number.isFinite(lo)) return [];
  if (hi === lo) hi = lo + 1e-9;
  const width = (hi - lo) / binCount;
  return series.flatMap((s) => {
    const counts = new Float64Array(binCount);
    let total = 0;
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) continue;
      counts[Math.min(binCount - 1, Math.floor((v - lo) / width))]! += 1;
      total += 1;
    }
    return Array.from(counts, (c, b) => ({
      lo: lo + b * width,
      hi: lo + (b + 1) * width,
      share: total > 0 ? c / total : 0,
      series: s.name,
    }));
  });
}

/** Histogram of per-bar returns of the strategy, overlaid on the benchmark's. */
export function returnDistributionChart(
  dist: ReturnDistributionSection,
  options: ChartSize & { bins?: number } = {},
): ChartSpec {
  const series = [{ name: "strategy", values: dist.strategy }];
  if (dist.benchmark) series.push({ name: "benchmark", values: dist.benchmark });
  const names = series.map((s) => s.name);
  const colors = dist.benchmark ? [PALETTE.strategy, PALETTE.benchmark] : [PALETTE.strategy];
  return {
    name: "return-distribution",
    title: "Distribution of per-bar returns",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 180,
      data: { values: histogramBins(series, options.bins ?? 50) },
      mark: { type: "rect", opacity: 0.6 },
      encoding: {
        x: { field: "lo", type: "quantitative", title: "return", axis: { format: ".1%" } },
        x2: { field: "hi" },
        y: { field: "share", type: "quantitative", title: "share of bars", stack: null },
        color: seriesColor(names, colors),
      },
    },
  };
}
