import type { Command } from "commander";
import { compareCommand } from "../compare.js";
import { reportCommand } from "../report.js";
import type { CliIO } from "../io.js";

/** `drlwb` commands that render and compare tear sheets. */
export function defineReportCommands(
  program: Command,
  io: CliIO,
  set: (code: number) => void,
): void {
  program
    .command("report")
    .description("render a run's tear sheet (HTML, and PDF with --pdf)")
    .argument("<run>", "run folder, id or id prefix")
    .option("--pdf", "also write report.pdf (Chromium)")
    .option("--out <file>", "HTML output path (default: <run>/report.html)")
    .option("--log-scale", "equity on a log scale")
    .option("--runs <dir>", "folder holding run folders", "runs")
    .option("--json", "print the written files as JSON ({ html, pdf })")
    .action(
      async (
        run: string,
        opts: { pdf?: boolean; out?: string; logScale?: boolean; runs: string; json?: boolean },
      ) =>
        set(
          await reportCommand(
            run,
            {
              ...(opts.pdf ? { pdf: true } : {}),
              ...(opts.out ? { out: opts.out } : {}),
              ...(opts.logScale ? { logScale: true } : {}),
              ...(opts.json ? { json: true } : {}),
              runsDir: opts.runs,
            },
            io,
          ),
        ),
    );

  program
    .command("compare")
    .description(
      "two or more runs side by side: statistics with differences, overlaid equity and drawdown",
    )
    .argument("<runs...>", "run folders, ids or id prefixes")
    .option("--out <file>", "HTML output path")
    .option("--pdf", "also write a PDF")
    .option("--title <text>", "report title")
    .option("--runs <dir>", "folder holding run folders", "runs")
    .option("--json", "print the written files as JSON ({ html, pdf })")
    .action(
      async (
        runs: string[],
        opts: { out?: string; pdf?: boolean; title?: string; runs: string; json?: boolean },
      ) =>
        set(
          await compareCommand(
            runs,
            {
              ...(opts.out ? { out: opts.out } : {}),
              ...(opts.pdf ? { pdf: true } : {}),
              ...(opts.title ? { title: opts.title } : {}),
              ...(opts.json ? { json: true } : {}),
              runsDir: opts.runs,
            },
            io,
          ),
        ),
    );
}
