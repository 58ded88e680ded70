import { existsSync } from "node:fs";
import { dirname, extname, resolve } from "node:path";
import { isUserError, formatDiagnostic } from "../runtime/core/errors.js";
import { loadDataset } from "../runtime/data/load-dataset.js";
import { summarizeDataset } from "../runtime/data/market-dataset.js";
import { formatQualitySummary } from "../runtime/data/quality/quality-report.js";
import { registerProviderSources } from "../runtime/data/providers/source-loader.js";
import { createDataSourceRegistry } from "../runtime/data/source-registry.js";
import { dataMessages } from "../runtime/messages/data.js";
import { formatDiagnostics, loadSpec } from "../runtime/spec/index.js";
import { resolveSchemaValue } from "../runtime/spec/resolve-value.js";
import type { DataSpec } from "../runtime/spec/types.generated.js";
import { scanCsvTable } from "../runtime/data/csv/csv-scan.js";
import { type DetectedColumns, detectColumns } from "../runtime/data/csv/detect-columns.js";
import { scanParquetTable } from "../runtime/data/parquet-reader.js";
import { cliMessages } from "../runtime/messages/cli.js";

/**
 * `drlwb data describe <spec|file>`: loads the dataset a spec's `data:`
 * section (or a `kind: data` spec) names, or a CSV/Parquet file directly, and
 * prints rows, range, symbols, hash and the quality summary (`--json`: the
 * dataset summary plus the quality report).
 */
export async function dataDescribe(
  target: string,
  opts: { json: boolean },
): Promise<{ code: number; output: string }> {
  const path = resolve(target);
  try {
    if (!existsSync(path)) return { code: 2, output: dataMessages.fileNotFound(target) };
    const ext = extname(path).toLowerCase();
    let section: DataSpec;
    let detected: DetectedColumns | undefined;
    if (ext === ".yaml" || ext === ".yml") {
      const loaded = loadSpec(path);
      if (!loaded.ok) return { code: 2, output: formatDiagnostics(loaded.diagnostics) };
      const data =
        loaded.kind === "data"
          ? loaded.spec
          : loaded.kind === "experiment"
            ? loaded.spec.data
            : undefined;
      if (!data) return { code: 2, output: dataMessages.describeTarget(target) };
      section = data;
    } else if ([".csv", ".txt", ".parquet", ".pq"].includes(ext)) {
      detected = detectFileColumns(path, target, ext);
      section = resolveSchemaValue(
        "data",
        {
          source: "file",
          path,
          ...detectedKeys(detected),
          quality: { unsorted: "fail", duplicates: "fail", nan: "warn" },
        },
        target,
      );
    } else {
      return { code: 2, output: dataMessages.describeTarget(target) };
    }
    const ds = await loadDataset(section, {
      baseDir: dirname(path),
      specFile: path,
      sources: registerProviderSources(createDataSourceRegistry()),
    });
    const summary = summarizeDataset(ds);
    const suggested = detected
      ? { source: "file", path: target, ...detectedKeys(detected) }
      : undefined;
    if (opts.json)
      return {
        code: 0,
        output: JSON.stringify(
          { ...summary, quality: ds.quality, ...(suggested ? { suggestedData: suggested } : {}) },
          null,
          2,
        ),
      };
    const lines = [
      `dataset  ${summary.provenance.source}:${summary.provenance.name}`,
      `hash     ${summary.hash}`,
      `rows     ${summary.rows} (${summary.bars} bars × ${summary.symbols.length} symbol${summary.symbols.length === 1 ? "" : "s"})`,
      `range    ${summary.start} .. ${summary.end}${summary.interval ? ` (${summary.interval})` : ""}`,
      `symbols  ${summary.symbols.join(", ")}`,
      `licence  ${summary.provenance.licence}`,
      ...summary.provenance.quirks.map((q) => `quirk    ${q}`),
      ...formatQualitySummary(ds.quality),
      ...(detected && suggested ? detectionNotes(detected, suggested) : []),
    ];
    return { code: 0, output: lines.join("\n") };
  } catch (error) {
    if (isUserError(error)) {
      const details = error.diagnostics.map(formatDiagnostic);
      return { code: 2, output: [error.message, ...details].join("\n") };
    }
    throw error;
  }
}

/** The header of a CSV or Parquet file, and what it offers (runtime/data/csv/detect-columns.ts). */
function detectFileColumns(path: string, file: string, ext: string): DetectedColumns {
  const scan =
    ext === ".parquet" || ext === ".pq" ? scanParquetTable(path, file) : scanCsvTable(path, file);
  return detectColumns(scan.header);
}

/** The `data:` keys that read the file as detected (only those that differ from the defaults). */
function detectedKeys(detected: DetectedColumns): Record<string, unknown> {
  return {
    ...(detected.layout === "wide_close" ? { layout: "wide_close" } : {}),
    ...(detected.closesOnly ? { closes_only: true } : {}),
    ...(Object.keys(detected.columns).length > 0 ? { columns: detected.columns } : {}),
  };
}

/** What was detected, and the `data:` section a spec would use for the file. */
function detectionNotes(detected: DetectedColumns, suggested: Record<string, unknown>): string[] {
  const notes: string[] = [];
  if (detected.layout === "wide_close")
    notes.push(cliMessages.wideDetected(detected.symbols.length));
  if (detected.closesOnly) notes.push(cliMessages.closesOnlyDetected(detected.missing));
  const mapped = Object.entries(detected.columns).map(([field, cell]) => `${field} ← ${cell}`);
  if (mapped.length > 0) notes.push(cliMessages.columnsMapped(mapped));
  if (notes.length === 0) return [];
  return [
    ...notes.map((n) => `note     ${n}`),
    `hint     ${cliMessages.dataSuggestion(flowYaml(suggested))}`,
  ];
}

/** `{ source: file, path: x.csv, closes_only: true }`: a one-line YAML flow mapping. */
function flowYaml(value: unknown): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value))
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${flowYaml(v)}`)
      .join(", ")} }`;
  if (typeof value === "string") return /^[\w./-]+$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}
