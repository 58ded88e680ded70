import { type Command, Option } from "commander";
import { PDF_MODES, type PdfMode } from "../../runtime/report/pdf-mode.js";
import { sectionDefaults } from "../../runtime/spec/section-defaults.js";
import type { CliIO } from "../io.js";

/** `drlwb` commands that render and compare tear sheets. */
export function defineReportCommands(
  program: Command,
  io: CliIO,
  set: (code: number) => void,
): void {
  program
    .command("report")
    .description(
      "render a run's tear sheet, or rebuild a sweep folder's sweep report (HTML, and PDF with --pdf)",
    )
    .argument("<run>", "run folder, id or id prefix, or a sweep folder (sweeps/<name>-…)")
    .addOption(
      new Option(
        "--pdf [mode]",
        `also write report.pdf (Chromium): compact (a few pages; the default) or full (every section)`,
      ).choices(PDF_MODES),
    )
    .option("--out <file>", "HTML output path (default: <run>/report.html)")
    .option("--log-scale", "equity on a log scale")
    .option("--runs <dir>", "folder holding run folders", "runs")
    .option("--json", "print the written files as JSON ({ html, pdf })")
    .action(
      async (
        run: string,
        opts: {
          pdf?: boolean | PdfMode;
          out?: string;
          logScale?: boolean;
          runs: string;
          json?: boolean;
        },
      ) =>
        set(
          await (await import("../report.js")).reportCommand(
            run,
            {
              ...(opts.pdf
                ? { pdf: opts.pdf === true ? sectionDefaults("report").pdf_mode : opts.pdf }
                : {}),
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
      "two or more runs side by side: a terminal table of statistics (best highlighted) and an HTML report with differences, overlaid equity and drawdown",
    )
    .argument("<runs...>", "run folders, ids or id prefixes")
    .option("--out <file>", "HTML output path")
    .option("--pdf", "also write a PDF")
    .option("--title <text>", "report title")
    .option("--runs <dir>", "folder holding run folders", "runs")
    .option(
      "--metrics <keys>",
      "statistics to show, comma-separated keys (e.g. sharpeRatio,cagr,maxDrawdown; default all)",
    )
    .option(
      "--json",
      "print the written files and the table as JSON ({ html, pdf, runs, metrics })",
    )
    .action(
      async (
        runs: string[],
        opts: {
          out?: string;
          pdf?: boolean;
          title?: string;
          runs: string;
          metrics?: string;
          json?: boolean;
        },
      ) =>
        set(
          await (await import("../compare.js")).compareCommand(
            runs,
            {
              ...(opts.out ? { out: opts.out } : {}),
              ...(opts.pdf ? { pdf: true } : {}),
              ...(opts.title ? { title: opts.title } : {}),
              ...(opts.metrics
                ? {
                    metrics: opts.metrics
                      .split(",")
                      .map((m) => m.trim())
                      .filter(Boolean),
                  }
                : {}),
              ...(opts.json ? { json: true } : {}),
              runsDir: opts.runs,
            },
            io,
          ),
        ),
    );
}
