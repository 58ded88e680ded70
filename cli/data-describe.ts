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
      section = resolveSchemaValue(
        "data",
        { source: "file", path, quality: { unsorted: "fail", duplicates: "fail", nan: "warn" } },
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
    if (opts.json)
      return { code: 0, output: JSON.stringify({ ...summary, quality: ds.quality }, null, 2) };
    const lines = [
      `dataset  ${summary.provenance.source}:${summary.provenance.name}`,
      `hash     ${summary.hash}`,
      `rows     ${summary.rows} (${summary.bars} bars × ${summary.symbols.length} symbol${summary.symbols.length === 1 ? "" : "s"})`,
      `range    ${summary.start} .. ${summary.end}${summary.interval ? ` (${summary.interval})` : ""}`,
      `symbols  ${summary.symbols.join(", ")}`,
      `licence  ${summary.provenance.licence}`,
      ...summary.provenance.quirks.map((q) => `quirk    ${q}`),
      ...formatQualitySummary(ds.quality),
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
