import type { ReportSectionName } from "./section-names.js";

/** What the PDF holds: `compact` (a few pages: the story) or `full` (every section, as the HTML). */
export type PdfMode = "compact" | "full";

export const PDF_MODES: readonly PdfMode[] = ["compact", "full"];

/**
 * The sections of a compact PDF, in page order: the verdict and headline, any
 * alerts, equity, the underwater chart with the worst periods, the key
 * statistics and the risk episodes' summary. Appendices and long tables
 * (trades, the risk event log, provenance) are left out.
 */
export const COMPACT_PDF_SECTIONS: readonly ReportSectionName[] = [
  "kpis",
  "alerts",
  "equity",
  "drawdown",
  "statistics",
  "risk_events",
];

/** Most risk episodes listed in a compact PDF. */
export const COMPACT_RISK_EPISODES = 5;

/**
 * The statistics a compact PDF lists (grouped as in the full table); the full
 * report has every statistic.
 */
export const COMPACT_STATISTICS: ReadonlySet<string> = new Set([
  "start",
  "end",
  "exposureTime",
  "equityFinal",
  "totalReturn",
  "cagr",
  "bestMonth",
  "worstMonth",
  "annualVolatility",
  "maxDrawdown",
  "maxDrawdownDuration",
  "sharpeRatio",
  "sortinoRatio",
  "calmarRatio",
  "omegaRatio",
  "tradeCount",
  "winRate",
  "profitFactor",
  "commissions",
  "alpha",
  "beta",
  "informationRatio",
  "valueAtRisk",
  "conditionalValueAtRisk",
]);

/** The sections of the PDF in `mode`, among the `wanted` ones. */
export function pdfSections(
  mode: PdfMode,
  wanted: readonly ReportSectionName[],
): readonly ReportSectionName[] {
  return mode === "full" ? wanted : wanted.filter((s) => COMPACT_PDF_SECTIONS.includes(s));
}
