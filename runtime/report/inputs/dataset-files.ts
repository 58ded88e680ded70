/**
 * The data stage's files (runtime/data/stage.ts) as the report reads them:
 * `dataset.json` (symbols, first and last bar, the segments as panel bar
 * ranges) and `quality.json` (the data-quality report).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BarRange, Segments } from "../../contracts/panel.js";
import { readJsonStateFile } from "../../core/state-file.js";
import type { QualityReport } from "../../data/quality/quality-report.js";

const DATASET_FILE = join("stages", "data", "dataset.json");
const QUALITY_FILE = join("stages", "data", "quality.json");

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export interface DatasetFiles {
  readonly symbols: readonly string[];
  /** The panel's first and last bar time (epoch ms). */
  readonly extent?: { readonly start: number; readonly end: number };
  readonly segments?: Segments;
  readonly quality?: QualityReport;
}

function range(value: unknown): BarRange | undefined {
  return isObject(value) && typeof value.start === "number" && typeof value.end === "number"
    ? { start: value.start, end: value.end }
    : undefined;
}

/** The run folder's dataset summary and quality report; undefined without a data stage. */
export function readDatasetFiles(runDir: string): DatasetFiles | undefined {
  const file = join(runDir, DATASET_FILE);
  if (!existsSync(file)) return undefined;
  const doc = readJsonStateFile(file, DATASET_FILE);
  if (!isObject(doc)) return undefined;
  const start = typeof doc.start === "string" ? Date.parse(doc.start) : Number.NaN;
  const end = typeof doc.end === "string" ? Date.parse(doc.end) : Number.NaN;
  const seg = isObject(doc.segments) ? doc.segments : {};
  const train = range(seg.train);
  const valid = range(seg.valid);
  const test = range(seg.test);
  const qualityFile = join(runDir, QUALITY_FILE);
  const quality = existsSync(qualityFile)
    ? (readJsonStateFile(qualityFile, QUALITY_FILE) as QualityReport)
    : undefined;
  return {
    symbols: Array.isArray(doc.symbols) ? doc.symbols.map(String) : [],
    ...(Number.isFinite(start) && Number.isFinite(end) ? { extent: { start, end } } : {}),
    ...(train && test ? { segments: { train, ...(valid ? { valid } : {}), test } } : {}),
    ...(quality ? { quality } : {}),
  };
}
