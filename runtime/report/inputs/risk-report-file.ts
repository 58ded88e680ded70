import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { StateFileError } from "../../core/state-file.js";
import type { RiskReport } from "../../risk/metrics/risk-report.js";
import type { BacktestRiskReports } from "./scenarios.js";

/** Where the report stage writes the backtest's risk reports (scenario analysis) inside a run folder. */
export const RISK_REPORT_FILE = join("stages", "report", "risk-report.json");

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The strategy's and benchmark's risk reports of a run folder
 * (`stages/report/risk-report.json`, see `riskReportsJson`); JSON wrote NaN
 * as null, read back as NaN. Undefined when the file is absent.
 */
export function readRiskReports(runDir: string): BacktestRiskReports | undefined {
  const file = join(runDir, RISK_REPORT_FILE);
  if (!existsSync(file)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"), (_key, value: unknown) =>
      value === null ? Number.NaN : value,
    );
  } catch (error) {
    throw new StateFileError(RISK_REPORT_FILE, (error as Error).message);
  }
  if (!isObject(doc) || !isObject(doc.strategy)) return undefined;
  // The report stage wrote these from RiskReport values (riskReportsJson).
  const strategy = doc.strategy as unknown as RiskReport;
  const benchmark = isObject(doc.benchmark) ? (doc.benchmark as unknown as RiskReport) : undefined;
  return { strategy, ...(benchmark ? { benchmark } : {}) };
}
