import { reportMessages } from "../runtime/messages/report.js";
import { type CliIO, printJson } from "./io.js";

/** What `report` and `compare` wrote: one sentence per file, or `{ html, pdf? }` with --json. */
export function printWritten(
  io: CliIO,
  html: string,
  pdf: string | undefined,
  json: boolean,
): void {
  if (json) {
    printJson(io, { html, ...(pdf ? { pdf } : {}) });
    return;
  }
  io.stdout.write(`${reportMessages.reportWritten(html)}\n`);
  if (pdf) io.stdout.write(`${reportMessages.pdfWritten(pdf)}\n`);
}
