import type { RegimeSection } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { timeX } from "./encodings.js";
import { timePoints } from "./points.js";

export interface RegimeSpan {
  readonly start: number;
  readonly end: number;
  readonly regime: string;
}

/** Consecutive bars with the same label merged into spans [time of first, time of next span). */
export function regimeSpans(section: RegimeSection): RegimeSpan[] {
  const n = Math.min(section.labels.length, section.price.times.length);
  const spans: RegimeSpan[] = [];
  let i = 0;
  while (i < n) {
    const label = section.labels[i]!;
    let j = i + 1;
    while (j < n && section.labels[j] === label) j++;
    if (label >= 0) {
      const end = j < n ? section.price.times[j]! : section.price.times[n - 1]!;
      spans.push({ start: section.price.times[i]!, end, regime: regimeName(section, label) });
    }
    i = j;
  }
  return spans;
}

function regimeName(section: RegimeSection, label: number): string {
  return section.names?.[label] ?? `regime ${label}`;
}

/** Price with the detected regimes shaded behind it. */
export function regimesChart(section: RegimeSection, options: ChartSize = {}): ChartSpec {
  const used = [...new Set(Array.from(section.labels).filter((l) => l >= 0))].sort((a, b) => a - b);
  const names = used.map((l) => regimeName(section, l));
  return {
    name: "regimes",
    title: "Regimes over price",
    spec: {
      width: options.width ?? DEFAULT_WIDTH,
      height: options.height ?? 220,
      layer: [
        {
          data: { values: regimeSpans(section) },
          mark: { type: "rect", opacity: 0.28 },
          encoding: {
            x: { ...timeX(), field: "start" },
            x2: { field: "end" },
            color: {
              field: "regime",
              type: "nominal",
              title: "regime",
              scale: { domain: names, range: PALETTE.series.slice(1, 1 + names.length) },
            },
          },
        },
        {
          data: { values: timePoints(section.price, section.priceLabel ?? "price") },
          mark: { type: "line", color: "#222", strokeWidth: 1.1 },
          encoding: {
            x: timeX(),
            y: {
              field: "v",
              type: "quantitative",
              title: section.priceLabel ?? "price",
              scale: { zero: false },
            },
          },
        },
      ],
    },
  };
}
