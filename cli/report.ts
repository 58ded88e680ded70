import { join, resolve } from "node:path";
import { writeFileAtomic } from "../runtime/core/atomic-write.js";
import { renderPdf } from "../runtime/report/pdf.js";
import { loadRunReport } from "../runtime/report/run-folder.js";
import type { ReportSectionName } from "../runtime/report/section-names.js";
import type { PdfMode } from "../runtime/report/pdf-mode.js";
import { renderReportDocuments } from "../runtime/report/tear-sheet.js";
import { resolveRunDir } from "../runtime/run/runs.js";
import { RunInterrupted } from "../runtime/core/interrupt.js";
import { type CliIO, EXIT, type ExitCode } from "./io.js";
import { printWritten } from "./written-files.js";
import { isSweepFolder } from "../runtime/report/sweep/load-sweep-folder.js";
import { writeSweepReport } from "../runtime/report/sweep/write-sweep-report.js";
import { handleStopSignals } from "../runtime/run/stop-signals.js";

export interface ReportCommandOptions {
  /** Also print report.pdf: `compact` (a few pages) or `full` (every section). */
  readonly pdf?: PdfMode;
  /** Where to write the HTML (default `<run-dir>/report.html`; the PDF goes next to it). */
  readonly out?: string;
  readonly logScale?: boolean;
  readonly sections?: readonly ReportSectionName[];
  /** Folder of run folders, for resolving run ids (default `runs`). */
  readonly runsDir?: string;
  /** Print the written files as JSON (`{ html, pdf? }`) instead of sentences. */
  readonly json?: boolean;
}

/**
 * `drlwb report <run-dir|run-id> [--pdf [compact|full]] [--out file.html]`: (re-)renders a
 * run's tear sheet. SIGINT/SIGTERM stop it between sections and during the
 * PDF (the browser is closed) with exit 130/143; files are written whole or not at all.
 */
export async function reportCommand(
  run: string,
  options: ReportCommandOptions,
  io: CliIO,
): Promise<ExitCode> {
  if (isSweepFolder(run)) return sweepReportCommand(run, options, io);
  const dir = resolveRunDir(run, options.runsDir);
  const stop = handleStopSignals((text) => io.stderr.write(`${text}\n`));
  try {
    // Rebuilt from the run's stage files, rendered as its spec's report section says unless told otherwise.
    const { input, section } = loadRunReport(dir);
    const logScale = options.logScale ?? section?.log_scale;
    const sections = options.sections ?? section?.sections;
    const { html, pdfHtml } = await renderReportDocuments(input, {
      ...(logScale !== undefined ? { logScale } : {}),
      ...(section?.max_trades !== undefined ? { maxTrades: section.max_trades } : {}),
      ...(sections ? { sections } : {}),
      ...(options.pdf ? { pdf: options.pdf } : {}),
      signal: stop.signal,
    });
    if (stop.signal.aborted) throw new RunInterrupted();
    const htmlPath = resolve(options.out ?? join(dir, "report.html"));
    writeFileAtomic(htmlPath, html);
    let pdfPath: string | undefined;
    if (pdfHtml) {
      pdfPath = htmlPath.replace(/\.html?$/i, "") + ".pdf";
      writeFileAtomic(pdfPath, await renderPdf(pdfHtml, { signal: stop.signal }));
    }
    printWritten(io, htmlPath, pdfPath, options.json === true);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RunInterrupted) return stop.exitCode() ?? EXIT.failure;
    throw error;
  } finally {
    stop.dispose();
  }
}

/** `drlwb report <sweep-folder>`: rebuilds the sweep report from the folder's files (nothing is re-run). */
async function sweepReportCommand(
  dir: string,
  options: ReportCommandOptions,
  io: CliIO,
): Promise<ExitCode> {
  const stop = handleStopSignals((text) => io.stderr.write(`${text}\n`));
  try {
    const written = await writeSweepReport(dir, {
      ...(options.pdf ? { pdf: true } : {}),
      ...(options.out ? { out: options.out } : {}),
      signal: stop.signal,
    });
    printWritten(io, written.html, written.pdf, options.json === true);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RunInterrupted) return stop.exitCode() ?? EXIT.failure;
    throw error;
  } finally {
    stop.dispose();
  }
}
