/**
 * Writes a sweep folder's report: `report.html` (and `report.pdf` with
 * `pdf`) from the folder's files — what `drlwb sweep` does when it finishes
 * and what `drlwb report <sweep-folder>` does again. Files are written
 * atomically, whole or not at all.
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../core/atomic-write.js";
import { RunInterrupted } from "../../core/interrupt.js";
import { renderPdf } from "../pdf.js";
import { loadSweepFolder } from "./load-sweep-folder.js";
import { renderSweepReport } from "./render-sweep-report.js";

export const SWEEP_REPORT_FILE = "report.html";

export interface WriteSweepReportOptions {
  /** Also print the PDF (default: the sweep's `report.pdf`). */
  readonly pdf?: boolean;
  /** HTML path (default `<dir>/report.html`); the PDF goes next to it. */
  readonly out?: string;
  readonly signal?: AbortSignal;
}

export interface WrittenSweepReport {
  readonly html: string;
  readonly pdf?: string;
}

export async function writeSweepReport(
  dir: string,
  options: WriteSweepReportOptions = {},
): Promise<WrittenSweepReport> {
  const input = loadSweepFolder(dir);
  const html = await renderSweepReport(input, options.signal ? { signal: options.signal } : {});
  if (options.signal?.aborted) throw new RunInterrupted();
  const htmlPath = resolve(options.out ?? join(dir, SWEEP_REPORT_FILE));
  writeFileAtomic(htmlPath, html);
  if (!(options.pdf ?? input.plan.pdf)) return { html: htmlPath };
  const pdfPath = `${htmlPath.replace(/\.html?$/i, "")}.pdf`;
  writeFileAtomic(pdfPath, await renderPdf(html, options.signal ? { signal: options.signal } : {}));
  return { html: htmlPath, pdf: pdfPath };
}
