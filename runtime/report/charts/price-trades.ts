import type { PriceSection, TradeMarker } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, DEFAULT_WIDTH, PALETTE } from "./chart.js";
import { timeX } from "./encodings.js";
import { timePoints } from "./points.js";

/** Most trade markers drawn (the latest are kept). */
export const MAX_TRADE_MARKERS = 1000;

const MARKERS = ["long entry", "short entry", "exit"] as const;
const MARKER_SHAPES = ["triangle-up", "triangle-down", "circle"];
const MARKER_COLORS = [PALETTE.gain, PALETTE.loss, "#222222"];

function markerName(m: TradeMarker): (typeof MARKERS)[number] {
  if (m.kind === "exit") return "exit";
  return m.side === "long" ? "long entry" : "short entry";
}

export interface PriceTradesChartOptions extends ChartSize {
  /** Height of the volume pane beneath the price (default 70). */
  readonly volumeHeight?: number;
}

/**
 * The traded symbol's close with every trade's entry (▲ long, ▼ short) and
 * exit (●) marked, backtesting.py-style, and the volume beneath on the same
 * time axis.
 */
export function priceTradesChart(
  section: PriceSection,
  options: PriceTradesChartOptions = {},
): ChartSpec {
  const width = options.width ?? DEFAULT_WIDTH;
  const markers = section.markers.slice(-MAX_TRADE_MARKERS).map((m) => ({
    t: m.time,
    v: m.price,
    marker: markerName(m),
  }));
  const price = {
    width,
    height: options.height ?? 240,
    layer: [
      {
        data: { values: timePoints(section.close, section.symbol) },
        mark: { type: "line" as const, color: PALETTE.strategy, strokeWidth: 1.1 },
        encoding: {
          x: { ...timeX(), axis: { ...timeX().axis, labels: section.volume === undefined } },
          y: {
            field: "v",
            type: "quantitative" as const,
            title: section.symbol,
            scale: { zero: false },
          },
        },
      },
      {
        data: { values: markers },
        mark: { type: "point" as const, filled: true, size: 42, opacity: 0.9 },
        encoding: {
          x: timeX(),
          y: { field: "v", type: "quantitative" as const },
          shape: {
            field: "marker",
            type: "nominal" as const,
            title: null,
            scale: { domain: [...MARKERS], range: MARKER_SHAPES },
          },
          color: {
            field: "marker",
            type: "nominal" as const,
            title: null,
            scale: { domain: [...MARKERS], range: MARKER_COLORS },
          },
        },
      },
    ],
  };
  const volume = section.volume
    ? {
        width,
        height: options.volumeHeight ?? 70,
        data: { values: timePoints(section.volume, "volume") },
        mark: {
          type: "area" as const,
          interpolate: "step-after" as const,
          color: PALETTE.benchmark,
          opacity: 0.7,
        },
        encoding: {
          x: timeX(),
          y: {
            field: "v",
            type: "quantitative" as const,
            title: "volume",
            axis: { format: "~s", tickCount: 3 },
          },
        },
      }
    : undefined;
  return {
    name: "price-trades",
    title: `${section.symbol} with trade entries and exits`,
    spec: volume
      ? { vconcat: [price, volume], spacing: 4, resolve: { scale: { x: "shared" } } }
      : price,
  };
}
