/**
 * npm run bench -- report: the quickstart run's report (specs/quickstart.yaml,
 * dev overlay, run once into a scratch folder first, not timed), rebuilt from
 * its run folder as `drlwb report` does: the interactive HTML (every chart
 * rendered to SVG and compiled to its vega spec, the vega runtime inlined) and
 * the compact PDF printed including the Chromium start.
 * Targets (issue 16): HTML < 1 s, compact PDF < 4 s.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderPdf } from "../runtime/report/pdf.js";
import { loadRunTearSheet } from "../runtime/report/run-folder.js";
import { renderReportDocuments } from "../runtime/report/tear-sheet.js";
import { loadReportTemplates } from "../runtime/report/templates.js";
import { runSpec } from "../runtime/run/run-spec.js";

const HTML_TARGET_MS = 1000;
const PDF_TARGET_MS = 4000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const work = mkdtempSync(join(tmpdir(), "drlwb-bench-report-"));
try {
  console.log("running specs/quickstart.yaml (dev) once for its run folder (not timed) …");
  const run = await runSpec("specs/quickstart.yaml", {
    runsDir: join(work, "runs"),
    env: "dev",
    environ: { ...process.env, DRLWB_REGISTRY: join(work, "registry") },
  });
  if (run.status !== "complete") throw run.error;
  const input = loadRunTearSheet(run.dir);
  const templates = loadReportTemplates();

  const htmlMs: number[] = [];
  let html = "";
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    html = (await renderReportDocuments(input, { templates })).html;
    htmlMs.push(performance.now() - t0);
  }
  console.log(
    `interactive HTML: ${htmlMs.map((m) => m.toFixed(0)).join(", ")} ms (first loads vega); ${(html.length / 1024).toFixed(0)} KiB`,
  );

  const pdfMs: number[] = [];
  let pdf: Uint8Array = new Uint8Array();
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { pdfHtml } = await renderReportDocuments(input, {
      templates,
      pdf: "compact",
      html: false,
    });
    pdf = await renderPdf(pdfHtml!);
    pdfMs.push(performance.now() - t0);
  }
  const pdfFile = join(work, "report.pdf");
  writeFileSync(pdfFile, pdf);
  const pages = Number(
    /^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" }))?.[1],
  );
  console.log(
    `compact PDF incl. Chromium start: ${pdfMs.map((m) => m.toFixed(0)).join(", ")} ms; ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KiB`,
  );

  const htmlMedian = median(htmlMs.slice(1));
  const pdfMedian = median(pdfMs);
  console.log(
    `HTML median ${htmlMedian.toFixed(0)} ms after the first (target < ${HTML_TARGET_MS}): ${htmlMedian < HTML_TARGET_MS ? "ok" : "SLOW"}`,
  );
  console.log(
    `compact PDF median ${pdfMedian.toFixed(0)} ms incl. browser start (target < ${PDF_TARGET_MS}): ${pdfMedian < PDF_TARGET_MS ? "ok" : "SLOW"}`,
  );
  console.log(
    JSON.stringify({
      htmlMedianMs: Math.round(htmlMedian),
      htmlFirstMs: Math.round(htmlMs[0]!),
      htmlMaxMs: Math.round(Math.max(...htmlMs)),
      htmlKiB: Math.round(html.length / 1024),
      pdfCompactMedianMs: Math.round(pdfMedian),
      pdfCompactMaxMs: Math.round(Math.max(...pdfMs)),
      pdfCompactPages: pages,
      pdfCompactKiB: Math.round(pdf.length / 1024),
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
