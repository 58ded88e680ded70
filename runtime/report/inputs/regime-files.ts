/**
 * The regime stage's files (runtime/regime/stage.ts) as the report reads
 * them: `regime.json` (state names, the modelled series' name, warnings) and
 * `regime-labels.csv` (time, label, …, the modelled series' level per bar).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readJsonStateFile } from "../../core/state-file.js";
import type { RegimeLabels } from "./regimes.js";

const REGIME_FILE = join("stages", "regime", "regime.json");
const LABELS_FILE = join("stages", "regime", "regime-labels.csv");

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The run folder's regime labels; undefined when the run has no regime stage. */
export function readRegimeFiles(runDir: string): RegimeLabels | undefined {
  const jsonFile = join(runDir, REGIME_FILE);
  const labelsFile = join(runDir, LABELS_FILE);
  if (!existsSync(jsonFile) || !existsSync(labelsFile)) return undefined;
  const doc = readJsonStateFile(jsonFile, REGIME_FILE);
  if (!isObject(doc)) return undefined;
  const lines = readFileSync(labelsFile, "utf8")
    .split("\n")
    .filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split(",");
  const seriesColumn = header.lastIndexOf("series");
  const rows = lines.slice(1).map((l) => l.split(","));
  const cell = (text: string | undefined) =>
    text === undefined || text === "" ? Number.NaN : Number(text);
  const stateNames = Array.isArray(doc.stateNames) ? doc.stateNames.map(String) : [];
  const warnings = Array.isArray(doc.warnings) ? doc.warnings.map(String) : [];
  return {
    stateNames,
    timestamps: Float64Array.from(rows, (r) => Date.parse(r[0] ?? "")),
    labels: Int32Array.from(rows, (r) => Number(r[1])),
    ...(seriesColumn > 0 && typeof doc.series === "string"
      ? {
          series: {
            name: doc.series,
            levels: Float64Array.from(rows, (r) => cell(r[seriesColumn])),
          },
        }
      : {}),
    warnings,
  };
}
