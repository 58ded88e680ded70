import type { TopLevelSpec } from "vega-lite";

/** A chart described as a vega-lite spec, ready to render; plain data. */
export interface ChartSpec {
  /** Stable name (`equity`, `drawdown`, …), used for file names and anchors. */
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/** A chart rendered to a self-contained SVG string (no external references). */
export interface RenderedChart {
  readonly name: string;
  readonly title: string;
  readonly svg: string;
  /** The compiled vega spec of the chart's interactive version (JSON, safe inside <script>); HTML only. */
  readonly vega?: string;
  /** Its time axis moves with the other linked charts' (equity, drawdown, allocations). */
  readonly linked?: boolean;
}

/** Size options every chart function accepts. */
export interface ChartSize {
  /** Plot width in px (default 820). */
  readonly width?: number;
  /** Plot height in px (chart-specific default). */
  readonly height?: number;
}

export const DEFAULT_WIDTH = 820;

/** Colors shared by every chart so strategy and benchmark read the same everywhere. */
export const PALETTE = {
  strategy: "#1f5fa8",
  benchmark: "#8c8c8c",
  loss: "#c0392b",
  gain: "#2e8b57",
  series: ["#1f5fa8", "#e07b00", "#2e8b57", "#8e44ad", "#c0392b", "#16a2b8", "#7f6a00", "#555555"],
} as const;
