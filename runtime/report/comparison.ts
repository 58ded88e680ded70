import { reportMessages } from "../messages/report.js";
import { comparisonDrawdownChart, comparisonEquityChart } from "./charts/comparison.js";
import { renderChart } from "./charts/render.js";
import { type ComparedRun, comparisonMetrics, uniqueRunNames } from "./comparison-metrics.js";
import { formatDate, formatValue, signClass } from "./format.js";
import type { CellView, SectionView, TableView } from "./section-views.js";
import { loadReportTemplates, type ReportTemplates } from "./templates.js";

export type { ComparedRun } from "./comparison-metrics.js";

export interface ComparisonOptions {
  readonly title?: string;
  readonly logScale?: boolean;
  readonly generatedAt?: string;
  readonly templates?: ReportTemplates;
}

function runsTable(runs: readonly ComparedRun[], names: readonly string[]): TableView {
  return {
    headers: ["run", "title", "run id", "seed", "data hash", "period"],
    rows: runs.map((r, i) => {
      const p = r.input.provenance;
      const t = r.input.equity?.strategy.times;
      const period = t?.length ? `${formatDate(t[0]!)} → ${formatDate(t[t.length - 1]!)}` : "";
      return [
        { text: names[i]! },
        { text: r.input.title },
        { text: p?.runId ?? "" },
        { text: p?.seed === undefined ? "" : String(p.seed) },
        { text: p?.dataHash ? p.dataHash.replace(/^sha256:/, "").slice(0, 12) : "" },
        { text: period },
      ];
    }),
  };
}

/**
 * Statistics side by side: one column per run (the best in bold, by the
 * statistic's preferred direction), then the difference of each later run
 * from the first (the baseline), colored by whether it is better.
 */
export function comparisonStatisticsTable(
  runs: readonly ComparedRun[],
  names: readonly string[],
): TableView {
  const rows = comparisonMetrics(runs).rows.map((m) => {
    const base = m.values[0] ?? null;
    const diffs: CellView[] = m.values.slice(1).map((v) => {
      if (v === null || base === null || m.format === "date") return { text: "" };
      const d = v - base;
      const text = formatValue(d, m.format === "count" ? "number" : m.format);
      const better = m.better === "higher" ? d : m.better === "lower" ? -d : 0;
      return { text: d > 0 ? `+${text}` : text, cls: signClass(better) };
    });
    return [
      { text: m.label },
      ...m.values.map((v, i) => ({
        text: formatValue(v, m.format),
        ...(m.best.includes(i) ? { cls: "best" } : {}),
      })),
      ...diffs,
    ];
  });
  const headers = ["statistic", ...names, ...names.slice(1).map((n) => `${n} − ${names[0]}`)];
  return {
    headers,
    rows,
    numeric: Array.from({ length: headers.length - 1 }, (_, i) => i + 1),
    note: reportMessages.compareBestNote(),
  };
}

/** Two or more runs side by side: statistics with differences, overlaid equity and drawdown. */
export async function renderComparison(
  runs: readonly ComparedRun[],
  options: ComparisonOptions = {},
): Promise<string> {
  if (runs.length < 2) throw new Error("a comparison needs at least two runs");
  const templates = options.templates ?? loadReportTemplates();
  const names = uniqueRunNames(runs);
  const sections: SectionView[] = [{ id: "runs", title: "Runs", tables: [runsTable(runs, names)] }];
  const equity = runs.flatMap((r, i) =>
    r.input.equity ? [{ name: names[i]!, series: r.input.equity.strategy }] : [],
  );
  if (equity.length >= 2) {
    const chart = comparisonEquityChart(equity, { logScale: options.logScale ?? false });
    sections.push({ id: "equity", title: "Equity", charts: [await renderChart(chart)] });
  }
  const drawdowns = runs.flatMap((r, i) =>
    r.input.drawdown ? [{ name: names[i]!, series: r.input.drawdown }] : [],
  );
  if (drawdowns.length >= 2) {
    const chart = comparisonDrawdownChart(drawdowns);
    sections.push({ id: "drawdown", title: "Drawdown", charts: [await renderChart(chart)] });
  }
  if (runs.some((r) => r.input.statistics?.length)) {
    sections.push({
      id: "statistics",
      title: "Statistics",
      tables: [comparisonStatisticsTable(runs, names)],
    });
  }
  return templates.comparison({
    title: options.title ?? `Comparison: ${names.join(" vs ")}`,
    subtitle: `${runs.length} runs; differences are against ${names[0]}`,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    css: templates.css,
    sections,
    toc: sections.map((s) => ({ id: s.id, title: s.title })),
  });
}
