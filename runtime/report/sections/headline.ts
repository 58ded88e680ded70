import { reportMessages } from "../../messages/report.js";
import { formatDate, formatValue, signClass } from "../format.js";
import { headlineStatistics } from "../headline.js";
import type { CellView, KpiTileView, LeadView, TableView } from "../section-views.js";
import type {
  SeedScores,
  VerdictCurves,
  VerdictFigures,
  VerdictSection,
} from "../tear-sheet-input.js";
import type { SectionBuilder } from "./section-plan.js";
import { LOWER_IS_BETTER } from "./statistic-cells.js";

/**
 * The first screen: the verdict (did the strategy beat its benchmark and
 * baseline on the backtested segment, after the risk overlay and, for an
 * agent, before it), the headline statistics, and an agent's seed scores.
 */

const m = reportMessages.verdict;

/** Sharpe ratio as compared (a missing one counts as 0, as the agent's own comparison does). */
const sharpe = (f: VerdictFigures): number => f.sharpeRatio ?? 0;

/** Did `strategy` beat `reference` by Sharpe ratio? */
export function beats(strategy: VerdictFigures, reference: VerdictFigures): boolean {
  return sharpe(strategy) > sharpe(reference);
}

interface Reference {
  readonly figures: VerdictFigures;
  readonly name: string;
}

function references(curves: VerdictCurves): Reference[] {
  return [
    ...(curves.benchmark ? [{ figures: curves.benchmark, name: curves.benchmark.name }] : []),
    ...(curves.baseline
      ? [{ figures: curves.baseline, name: m.baselineName(curves.baseline.name) }]
      : []),
  ];
}

const ratio = (v: number | null) => formatValue(v, "ratio");
const pct = (v: number | null) => formatValue(v, "percent");

function lead(curves: VerdictCurves, segment: string, stage: string): LeadView | undefined {
  const refs = references(curves);
  if (!refs.length) return undefined;
  const beaten = refs.filter((r) => beats(curves.strategy, r.figures)).map((r) => r.name);
  const notBeaten = refs.filter((r) => !beats(curves.strategy, r.figures)).map((r) => r.name);
  const figures = [curves.strategy, ...refs.map((r) => r.figures)].map((f) =>
    m.figure(f.name, ratio(f.sharpeRatio), pct(f.totalReturn)),
  );
  const text = `${m.sentence(curves.strategy.name, beaten, notBeaten, segment, stage)} ${m.figures(figures)}`;
  return {
    text,
    cls: notBeaten.length === 0 ? "pos" : beaten.length === 0 ? "neg" : "warn",
  };
}

function segmentText(v: VerdictSection): string {
  return m.segment(
    v.segment,
    v.start !== undefined ? formatDate(v.start) : undefined,
    v.end !== undefined ? formatDate(v.end) : undefined,
  );
}

function beatTiles(curves: VerdictCurves, stage: string): KpiTileView[] {
  const refs = [
    ...(curves.benchmark ? [m.benchmarkLabel(curves.benchmark.name)] : []),
    ...(curves.baseline ? [m.baselineLabel(curves.baseline.name)] : []),
  ];
  return references(curves).map((r, i) => {
    const beat = beats(curves.strategy, r.figures);
    return {
      label: m.beatTile(refs[i]!),
      value: beat ? m.beat() : m.notBeat(),
      cls: beat ? "pos" : "neg",
      sub: [m.beatSub(ratio(curves.strategy.sharpeRatio), ratio(r.figures.sharpeRatio)), stage]
        .filter((s) => s !== "")
        .join(" · "),
    };
  });
}

function figureCells(f: VerdictFigures): CellView[] {
  return [
    { text: pct(f.totalReturn), cls: signClass(f.totalReturn) },
    { text: ratio(f.sharpeRatio), cls: signClass(f.sharpeRatio) },
    { text: pct(f.maxDrawdown) },
  ];
}

const sameFigures = (a: VerdictFigures, b: VerdictFigures) =>
  a.name === b.name &&
  a.totalReturn === b.totalReturn &&
  a.sharpeRatio === b.sharpeRatio &&
  a.maxDrawdown === b.maxDrawdown;

function curvesTable(v: VerdictSection): TableView {
  const overlay = v.riskRules.length > 0;
  const after = v.backtest.strategy;
  const before = v.beforeOverlay;
  const beatCell = (reference: VerdictFigures): CellView => {
    const parts = [
      `${overlay && before ? `${m.afterOverlay()}: ` : ""}${m.beatCell(beats(after, reference))}`,
      ...(before ? [`${m.beforeOverlay()}: ${m.beatCell(beats(before.strategy, reference))}`] : []),
    ];
    return { text: parts.join(" · "), cls: beats(after, reference) ? "pos" : "neg" };
  };
  const rows: CellView[][] = [
    [
      {
        text: m.strategyLabel(after.name, overlay ? m.afterOverlay() : before ? m.noOverlay() : ""),
      },
      ...figureCells(after),
      { text: "" },
    ],
  ];
  if (before) {
    rows.push([
      { text: m.strategyLabel(before.strategy.name, m.beforeOverlay()) },
      ...figureCells(before.strategy),
      { text: "" },
    ]);
  }
  const benchmark = v.backtest.benchmark ?? before?.benchmark;
  if (benchmark) {
    rows.push([
      { text: m.benchmarkLabel(benchmark.name) },
      ...figureCells(benchmark),
      beatCell(benchmark),
    ]);
  }
  const baseline = v.backtest.baseline;
  if (baseline) {
    rows.push([
      { text: m.baselineLabel(baseline.name) },
      ...figureCells(baseline),
      beatCell(baseline),
    ]);
  }
  const evalBaseline = before?.baseline;
  if (evalBaseline && !(baseline && sameFigures(baseline, evalBaseline))) {
    rows.push([
      { text: m.evaluationBaselineLabel(evalBaseline.name) },
      ...figureCells(evalBaseline),
      {
        text: `${m.beforeOverlay()}: ${m.beatCell(beats(before.strategy, evalBaseline))}`,
        cls: beats(before.strategy, evalBaseline) ? "pos" : "neg",
      },
    ]);
  }
  return {
    caption: m.curvesCaption(segmentText(v)),
    headers: m.curvesHeaders(),
    numeric: [1, 2, 3],
    rows,
  };
}

function seedsTable(seeds: NonNullable<VerdictSection["seeds"]>): TableView {
  const num = (x: number) => formatValue(x, "number");
  const row = (segment: string, s: SeedScores | undefined): CellView[][] =>
    s
      ? [
          [
            { text: segment },
            { text: `${num(s.mean)} ± ${num(s.std)}`, cls: signClass(s.mean) },
            { text: num(s.iqm), cls: signClass(s.iqm) },
            { text: formatValue(s.n, "count") },
          ],
        ]
      : [];
  return {
    caption: m.seedsCaption(seeds.count, seeds.episodesPerSeed),
    headers: m.seedsHeaders(),
    numeric: [1, 2, 3],
    rows: [...row("train", seeds.train), ...row("valid", seeds.valid), ...row("test", seeds.test)],
    note: m.seedsNote(),
  };
}

function verdictLeads(v: VerdictSection): LeadView[] {
  const overlay = v.riskRules.length > 0;
  const segment = segmentText(v);
  const leads = [
    lead(v.backtest, segment, overlay ? m.afterOverlay() : ""),
    ...(v.beforeOverlay ? [lead(v.beforeOverlay, segment, m.agentAlone())] : []),
  ].filter((l): l is LeadView => l !== undefined);
  // The agent-alone statement supports the main one: shown smaller.
  return [
    ...leads.map((l, i) => (i === 0 ? l : { ...l, cls: `${l.cls ?? ""} plain`.trim() })),
    ...(overlay ? [{ text: m.overlayRules(v.riskRules), cls: "plain" }] : []),
  ];
}

export const kpisSection: SectionBuilder = (input) => {
  const v = input.verdict;
  const stage = v && v.riskRules.length > 0 ? m.afterOverlay() : "";
  const statTiles: KpiTileView[] = headlineStatistics(input).map((row) => {
    const signed =
      (row.format === "percent" || row.format === "ratio") && !LOWER_IS_BETTER.has(row.key);
    const benchmark =
      row.benchmark !== undefined && row.benchmark !== null
        ? formatValue(row.benchmark, row.format)
        : undefined;
    const sub = m.tileSub(stage, benchmark);
    return {
      label: row.label,
      value: formatValue(row.strategy, row.format),
      cls: signed ? signClass(row.strategy) : "",
      ...(sub ? { sub } : {}),
    };
  });
  const tiles = [...(v ? beatTiles(v.backtest, stage) : []), ...statTiles];
  const tables = v ? [curvesTable(v), ...(v.seeds ? [seedsTable(v.seeds)] : [])] : [];
  const lead = v ? verdictLeads(v) : [];
  if (!tiles.length && !lead.length) return undefined;
  return {
    id: "kpis",
    title: m.title(),
    ...(lead.length ? { lead } : {}),
    tiles,
    ...(tables.length ? { tables } : {}),
  };
};
