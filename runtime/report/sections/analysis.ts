import { correlationNetworkChart } from "../charts/correlation-network.js";
import { regimesChart } from "../charts/regimes.js";
import { scenarioAnalysisChart } from "../charts/scenario-analysis.js";
import { trainingCurvesChart } from "../charts/training-curves.js";
import { formatValue, signClass } from "../format.js";
import { reportMessages } from "../../messages/report.js";
import type { SectionBuilder } from "./section-plan.js";

/** Sections from the other stages: regimes, stress scenarios, correlations, agent training. */

export const regimesSection: SectionBuilder = (input) => {
  const r = input.regimes;
  if (!r || r.price.values.length === 0 || r.labels.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (let i = 0; i < r.labels.length; i++) {
    const l = r.labels[i]!;
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const rows = [...counts]
    .sort(([a], [b]) => a - b)
    .map(([label, count]) => [
      { text: label < 0 ? "unknown" : (r.names?.[label] ?? `regime ${label}`) },
      { text: formatValue(count, "count") },
      { text: formatValue(count / r.labels.length, "percent") },
    ]);
  return {
    id: "regimes",
    title: "Regimes",
    chartSpecs: [regimesChart(r)],
    tables: [{ headers: ["regime", "bars", "share"], rows, numeric: [1, 2] }],
    ...(r.warnings?.length ? { notes: r.warnings.map(reportMessages.regimeWarning) } : {}),
  };
};

export const scenariosSection: SectionBuilder = (input) => {
  const scenarios = input.scenarios ?? [];
  if (!scenarios.length) return undefined;
  // Rows from the backtest's risk report carry their kind (stress window, price shock, VaR…).
  const grouped = scenarios.some((s) => s.group !== undefined);
  return {
    id: "scenarios",
    title: "Scenario analysis",
    ...(grouped ? { notes: [reportMessages.scenarios.note()] } : {}),
    chartSpecs: [scenarioAnalysisChart(scenarios)],
    tables: [
      {
        headers: grouped
          ? reportMessages.scenarios.headers()
          : ["scenario", "strategy", "benchmark"],
        numeric: grouped ? [2, 3] : [1, 2],
        rows: scenarios.map((s) => [
          ...(grouped ? [{ text: s.group ?? "" }] : []),
          { text: s.scenario },
          { text: formatValue(s.strategy, "percent"), cls: signClass(s.strategy) },
          { text: formatValue(s.benchmark, "percent"), cls: signClass(s.benchmark) },
        ]),
      },
    ],
  };
};

export const correlationSection: SectionBuilder = (input) =>
  input.correlation && input.correlation.symbols.length >= 2
    ? {
        id: "correlation",
        title: "Correlation network",
        chartSpecs: [correlationNetworkChart(input.correlation)],
      }
    : undefined;

export const trainingSection: SectionBuilder = (input) => {
  const curves = (input.training ?? []).filter((c) => c.values.length > 0);
  return curves.length
    ? { id: "training", title: "Agent training", chartSpecs: [trainingCurvesChart(curves)] }
    : undefined;
};
