import { basename, join, resolve } from "node:path";
import { writeFileAtomic } from "../runtime/core/atomic-write.js";
import { UserError } from "../runtime/core/errors.js";
import { hashValue } from "../runtime/core/hash.js";
import { reportMessages } from "../runtime/messages/report.js";
import { renderComparison } from "../runtime/report/comparison.js";
import { comparisonMetrics } from "../runtime/report/comparison-metrics.js";
import { renderPdf } from "../runtime/report/pdf.js";
import { loadRunTearSheet } from "../runtime/report/run-folder.js";
import { resolveRunDir } from "../runtime/run/runs.js";
import { bestStyle, formatComparisonTable } from "./compare-table.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";
import { printWritten } from "./written-files.js";

export interface CompareCommandOptions {
  /** Output HTML (default `reports/out/compare-<hash of the run ids>.html`). */
  readonly out?: string;
  readonly pdf?: boolean;
  readonly logScale?: boolean;
  readonly title?: string;
  readonly runsDir?: string;
  /** Statistic keys to show in the terminal table and JSON, in this order (default: all). */
  readonly metrics?: readonly string[];
  /**
   * Print `{ html, pdf?, runs, metrics }` as JSON (metrics: one row per
   * statistic with a value per run and the best runs' indexes) instead of the
   * table and sentences.
   */
  readonly json?: boolean;
  /** Environment read for NO_COLOR (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `drlwb compare <run…>`: two or more runs side by side: a terminal table
 * (statistics as rows, runs as columns, the best highlighted) and one HTML
 * report.
 */
export async function compareCommand(
  runs: readonly string[],
  options: CompareCommandOptions,
  io: CliIO,
): Promise<ExitCode> {
  if (runs.length < 2) throw new UserError(reportMessages.compareNeedsTwo(runs.length));
  const dirs = runs.map((r) => resolveRunDir(r, options.runsDir));
  const compared = dirs.map((dir) => ({ name: basename(dir), input: loadRunTearSheet(dir) }));
  const metrics = comparisonMetrics(compared, options.metrics ? { metrics: options.metrics } : {});
  const html = await renderComparison(compared, {
    ...(options.title ? { title: options.title } : {}),
    ...(options.logScale !== undefined ? { logScale: options.logScale } : {}),
  });
  const htmlPath = resolve(
    options.out ??
      join(
        "reports",
        "out",
        `compare-${hashValue(dirs.map((d) => basename(d))).slice(0, 12)}.html`,
      ),
  );
  writeFileAtomic(htmlPath, html);
  let pdfPath: string | undefined;
  if (options.pdf) {
    pdfPath = htmlPath.replace(/\.html?$/i, "") + ".pdf";
    writeFileAtomic(pdfPath, await renderPdf(html));
  }
  if (options.json) {
    printJson(io, { html: htmlPath, ...(pdfPath ? { pdf: pdfPath } : {}), ...metrics });
    return EXIT.ok;
  }
  io.stdout.write(
    formatComparisonTable(metrics, bestStyle(io.stdout.isTTY, options.env ?? process.env)),
  );
  printWritten(io, htmlPath, pdfPath, false);
  return EXIT.ok;
}
