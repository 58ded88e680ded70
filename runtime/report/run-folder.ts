import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { UserError } from "../core/errors.js";
import { readJsonStateFile } from "../core/state-file.js";
import { reportMessages } from "../messages/report.js";
import { normalizeSection } from "../spec/normalize-section.js";
import type { ReportSpec } from "../spec/types.generated.js";
import { readAgentEvaluation } from "./inputs/agent-evaluation-file.js";
import { allocationsFromRunFolder } from "./inputs/allocations.js";
import { assembleTearSheetInput } from "./inputs/assemble.js";
import { BACKTEST_FILE, readBacktestFiles } from "./inputs/backtest-files.js";
import { readDatasetFiles } from "./inputs/dataset-files.js";
import { parsePricesCsv, PRICES_FILE } from "./inputs/prices-file.js";
import { provenanceFromRunFolder } from "./inputs/provenance.js";
import { readRegimeFiles } from "./inputs/regime-files.js";
import { readRiskReports } from "./inputs/risk-report-file.js";
import { readRiskRuleTypes } from "./inputs/risk-rules-file.js";
import { scenarioRows } from "./inputs/scenarios.js";
import { readTrainingLog } from "./inputs/training-file.js";
import { evaluateKpis, kpiMetrics } from "./kpi/evaluate.js";
import { tearSheetFromJson } from "./serialize.js";
import type { TearSheetInput } from "./tear-sheet-input.js";

/** Where the report stage kept the serialized TearSheetInput in run folders made before the rebuild from stage files. */
export const TEAR_SHEET_FILE = join("stages", "report", "tear-sheet.json");
/** The bars the report draws, written by the report stage (runtime/report/inputs/prices-file.ts). */
export const REPORT_PRICES_FILE = join("stages", "report", PRICES_FILE);

export interface RunFolderReportOptions {
  /** The spec's report section (default: the run's spec.resolved.yaml's, with the schema's defaults). */
  readonly report?: ReportSpec;
  /** The run's name (default: run.json's), the title when the report section has none. */
  readonly runName?: string;
  /** The run's id (default: run.json's), shown under the title. */
  readonly runId?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The report section of the run's spec.resolved.yaml (notifications left out: a rebuild sends none). */
export function reportSectionOfRun(runDir: string): ReportSpec {
  const file = join(runDir, "spec.resolved.yaml");
  const spec: unknown = existsSync(file) ? parse(readFileSync(file, "utf8")) : undefined;
  const section = isObject(spec) && isObject(spec.report) ? { ...spec.report } : {};
  delete section.notifications;
  return normalizeSection("report", section, "/report");
}

function runJson(runDir: string): Json {
  const file = join(runDir, "run.json");
  const value = existsSync(file) ? readJsonStateFile(file, "run.json") : undefined;
  return isObject(value) ? value : {};
}

/**
 * The tear sheet of a run, assembled from its stage files — the one way a
 * report's input is built: the report stage calls it once its own files are
 * written, `drlwb report <run>` calls it to rebuild the report. Reads the
 * backtest's backtest.json, equity.csv, trades.csv, weights.csv and
 * positions.csv; the report stage's prices.csv and risk-report.json; the data
 * stage's dataset.json and quality.json; the regime stage's labels; the
 * agent's training log and evaluation; the risk rules; run.json and the spec
 * for provenance, the title, the headline and the KPIs.
 */
export function tearSheetInputFromRunFolder(
  runDir: string,
  options: RunFolderReportOptions = {},
): TearSheetInput {
  const backtest = readBacktestFiles(runDir);
  if (!backtest) throw new UserError(reportMessages.noReportData(runDir));
  const section = options.report ?? reportSectionOfRun(runDir);
  const run = options.runName === undefined || options.runId === undefined ? runJson(runDir) : {};
  const runName = options.runName ?? (typeof run.name === "string" ? run.name : "run");
  const runId = options.runId ?? (typeof run.id === "string" ? run.id : undefined);
  const bt = backtest.view;
  const dataset = readDatasetFiles(runDir);
  const pricesFile = join(runDir, REPORT_PRICES_FILE);
  const prices = existsSync(pricesFile)
    ? parsePricesCsv(readFileSync(pricesFile, "utf8"))
    : undefined;
  const shift = (r: { start: number; end: number }) => ({
    start: r.start - (prices?.firstBar ?? 0),
    end: r.end - (prices?.firstBar ?? 0),
  });
  const segments = dataset?.segments;
  const riskReports = readRiskReports(runDir);
  const scenarios = riskReports ? scenarioRows(riskReports, bt.benchmark?.equity) : [];
  const alerts = evaluateKpis(
    section.kpis ?? [],
    kpiMetrics(bt.statistics ?? {}, bt.benchmark?.statistics),
  );
  const regime = readRegimeFiles(runDir);
  const trainingJsonl = readTrainingLog(runDir);
  const agentEvaluation = readAgentEvaluation(runDir, bt.name ?? "agent");
  const allocations = allocationsFromRunFolder(runDir);
  return assembleTearSheetInput({
    title: section.title ?? runName,
    ...(runId ? { subtitle: `run ${runId}` } : {}),
    backtest: bt,
    ...(prices
      ? {
          dataset: {
            panel: prices.panel,
            ...(segments
              ? {
                  segments: {
                    train: shift(segments.train),
                    ...(segments.valid ? { valid: shift(segments.valid) } : {}),
                    test: shift(segments.test),
                  },
                }
              : {}),
            ...(dataset?.quality ? { quality: dataset.quality } : {}),
            ...(dataset?.extent ? { extent: { ...dataset.extent, symbols: dataset.symbols } } : {}),
          },
        }
      : {}),
    ...(regime && prices ? { regime } : {}),
    ...(trainingJsonl ? { trainingJsonl } : {}),
    ...(agentEvaluation ? { agentEvaluation } : {}),
    riskRules: readRiskRuleTypes(runDir),
    ...(scenarios.length ? { scenarios } : {}),
    ...(allocations ? { allocations } : {}),
    alerts,
    provenance: provenanceFromRunFolder(runDir),
    headline: section.headline,
  });
}

/** A run's tear sheet and the report section it is rendered with. */
export interface RunReport {
  readonly input: TearSheetInput;
  /** The run's report section; absent for a folder rebuilt from a legacy tear-sheet.json. */
  readonly section?: ReportSpec;
}

/**
 * The report of a finished run, for `drlwb report <run>`: rebuilt from its
 * stage files. A folder made before the report stage wrote prices.csv is
 * rendered from its `stages/report/tear-sheet.json` when it has one, else it
 * is a user error saying to re-run it; a folder without backtest results
 * (a failed or report-less run) is a user error saying what is missing.
 */
export function loadRunReport(runDir: string): RunReport {
  if (!existsSync(join(runDir, "run.json"))) {
    throw new UserError(reportMessages.runDirMissing(runDir));
  }
  if (!existsSync(join(runDir, REPORT_PRICES_FILE))) {
    const legacy = join(runDir, TEAR_SHEET_FILE);
    if (existsSync(legacy)) return { input: tearSheetFromJson(readFileSync(legacy, "utf8")) };
    if (existsSync(join(runDir, BACKTEST_FILE)))
      throw new UserError(reportMessages.runFolderTooOld(runDir));
    throw new UserError(reportMessages.noReportData(runDir));
  }
  const section = reportSectionOfRun(runDir);
  return { input: tearSheetInputFromRunFolder(runDir, { report: section }), section };
}

/** The TearSheetInput of a finished run (see `loadRunReport`). */
export function loadRunTearSheet(runDir: string): TearSheetInput {
  return loadRunReport(runDir).input;
}
