/**
 * npm run bench -- report [bars]: time to render the tear sheet of a seeded
 * synthetic run (every section filled) to HTML, and to PDF including the
 * Chromium start. Targets: HTML < 2 s, PDF < 6 s.
 */
import { loadReportTemplates } from "../runtime/report/templates.js";
import { renderPdf } from "../runtime/report/pdf.js";
import { launchChromium } from "../runtime/report/browser.js";
import { renderTearSheet } from "../runtime/report/tear-sheet.js";
import { syntheticTearSheetInput } from "../test/report/fixtures/synthetic-input.js";

const bars = Number(process.argv[2] ?? 2520);
const runs = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const input = syntheticTearSheetInput({ seed: 7, bars });
console.log(`tear sheet of a synthetic run: ${bars} daily bars, every section filled`);

const htmlMs: number[] = [];
let html = "";
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  html = await renderTearSheet(input, { templates: loadReportTemplates() });
  htmlMs.push(performance.now() - t0);
}
console.log(
  `HTML: ${htmlMs.map((m) => m.toFixed(0)).join(", ")} ms (first includes loading vega); ${(html.length / 1024).toFixed(0)} KiB`,
);

const pdfColdMs: number[] = [];
let pdfBytes = 0;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const pdf = await renderPdf(html);
  pdfColdMs.push(performance.now() - t0);
  pdfBytes = pdf.length;
}
console.log(
  `PDF incl. Chromium start: ${pdfColdMs.map((m) => m.toFixed(0)).join(", ")} ms; ${(pdfBytes / 1024).toFixed(0)} KiB`,
);

const browser = await launchChromium();
const pdfWarmMs: number[] = [];
try {
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await renderPdf(html, { browser: browser.browser });
    pdfWarmMs.push(performance.now() - t0);
  }
} finally {
  await browser.close();
}
console.log(`PDF with a running browser: ${pdfWarmMs.map((m) => m.toFixed(0)).join(", ")} ms`);

const htmlMedian = median(htmlMs);
const pdfMedian = median(pdfColdMs);
console.log(
  `HTML median ${htmlMedian.toFixed(0)} ms (target < 2000): ${htmlMedian < 2000 ? "ok" : "SLOW"}`,
);
console.log(
  `PDF median ${pdfMedian.toFixed(0)} ms incl. browser start (target < 6000): ${pdfMedian < 6000 ? "ok" : "SLOW"}`,
);
console.log(
  JSON.stringify({
    bars,
    htmlMedianMs: Math.round(htmlMedian),
    htmlFirstMs: Math.round(htmlMs[0]!),
    htmlMaxMs: Math.round(Math.max(...htmlMs)),
    pdfMedianMs: Math.round(pdfMedian),
    pdfMaxMs: Math.round(Math.max(...pdfColdMs)),
    pdfWarmMedianMs: Math.round(median(pdfWarmMs)),
    htmlKiB: Math.round(html.length / 1024),
    pdfKiB: Math.round(pdfBytes / 1024),
  }),
);
