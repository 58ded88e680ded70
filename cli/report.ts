import { join, resolve } from "node:path";
import { writeFileAtomic } from "../runtime/core/atomic-write.js";
import { renderPdf } from "../runtime/report/pdf.js";
import { loadRunTearSheet } from "../runtime/report/run-folder.js";
import type { ReportSectionName } from "../runtime/report/section-names.js";
import { renderTearSheet } from "../runtime/report/tear-sheet.js";
import { resolveRunDir } from "../runtime/run/runs.js";
import { RunInterrupted } from "../runtime/core/interrupt.js";
import { type CliIO, EXIT, type ExitCode } from "./io.js";
import { printWritten } from "./written-files.js";
import { handleStopSignals } from "../runtime/run/stop-signals.js";

export interface ReportCommandOptions {
  /** Also print report.pdf. */
  readonly pdf?: boolean;
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
 * `drlwb report <run-dir|run-id> [--pdf] [--out file.html]`: (re-)renders a
 * run's tear sheet. SIGINT/SIGTERM stop it between sections and during the
 * PDF (the browser is closed) with exit 130/143; files are written whole or not at all.
 */
export async function reportCommand(
  run: string,
  options: ReportCommandOptions,
  io: CliIO,
): Promise<ExitCode> {
  const dir = resolveRunDir(run, options.runsDir);
  const stop = handleStopSignals((text) => io.stderr.write(`${text}\n`));
  try {
    const input = loadRunTearSheet(dir);
    const html = await renderTearSheet(input, {
      ...(options.logScale !== undefined ? { logScale: options.logScale } : {}),
      ...(options.sections ? { sections: options.sections } : {}),
      signal: stop.signal,
    });
    if (stop.signal.aborted) throw new RunInterrupted();
    const htmlPath = resolve(options.out ?? join(dir, "report.html"));
    writeFileAtomic(htmlPath, html);
    let pdfPath: string | undefined;
    if (options.pdf) {
      pdfPath = htmlPath.replace(/\.html?$/i, "") + ".pdf";
      writeFileAtomic(pdfPath, await renderPdf(html, { signal: stop.signal }));
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
