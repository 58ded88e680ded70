/**
 * `drlwb sweep <spec>`: runs a `kind: sweep` spec over its base experiment.
 * A sweep of a rule strategy's parameters runs on every core (the fast
 * path); any other sweep (agent hyperparameters, …) runs each trial as a
 * whole experiment. Either way a trial is the base spec with the values set,
 * measured by the run's headline metrics on the objective's segment. Shows
 * progress, prints the top trials by the objective metric and writes the full
 * table (results.parquet) and the top trials (top.json) to the output folder.
 */
import { dirname, join, resolve } from "node:path";
import { writeJsonAtomic } from "../runtime/core/atomic-write.js";
import { formatDiagnostic, isUserError } from "../runtime/core/errors.js";
import { runSweep, type SweepRow } from "../runtime/backtest/sweep/run-sweep.js";
import type { SweepMetric } from "../runtime/backtest/sweep/sweep-metrics.js";
import { createParameterSpace } from "../runtime/backtest/sweep/parameter-space.js";
import { sweepSettings } from "../runtime/backtest/sweep/sweep-spec.js";
import { checkLoadedSweep } from "../runtime/run/check-sweep-spec.js";
import { runExperimentSweep } from "../runtime/run/experiment-sweep.js";
import { loadDataset } from "../runtime/data/load-dataset.js";
import { backtestMessages } from "../runtime/messages/backtest.js";
import { loadSpec } from "../runtime/spec/index.js";
import { RunInterrupted } from "../runtime/core/interrupt.js";
import { type CliIO, EXIT, type ExitCode, printJson, processIO } from "./io.js";
import { handleStopSignals } from "../runtime/run/stop-signals.js";
import { cliRunIndex } from "./store-option.js";
import { writeSweepRecord, writeTopSegments } from "../runtime/backtest/sweep/sweep-record.js";
import {
  evaluateRuleTrialsOnSegments,
  type SegmentName,
  segmentsOf,
  type TopTrialOnSegments,
} from "../runtime/backtest/sweep/top-segments.js";
import { evaluateExperimentTrialsOnSegments } from "../runtime/run/experiment-top-segments.js";
import { sweepReportMessages } from "../runtime/messages/sweep-report.js";
import {
  type WrittenSweepReport,
  writeSweepReport,
} from "../runtime/report/sweep/write-sweep-report.js";

export interface SweepCommandOptions {
  readonly json?: boolean;
  readonly env?: string;
  /** Output folder; default `sweeps/<name>-<UTC timestamp>` next to the working directory. */
  readonly out?: string;
  /** Worker threads; default all cores. */
  readonly workers?: number;
  /** The tracking store the trial runs of an `experiments` sweep are indexed in. */
  readonly store?: string;
}

export async function sweepCommand(
  specFile: string,
  options: SweepCommandOptions = {},
  io: CliIO = processIO,
): Promise<ExitCode> {
  const loadOptions = { ...(options.env ? { env: options.env } : {}), environ: process.env };
  const say = (text: string): void => {
    if (!options.json) io.stderr.write(`${text}\n`);
  };
  // SIGINT/SIGTERM stop the sweep between batches of trials (exit 130/143, no partial Parquet).
  const stop = handleStopSignals(say);
  try {
    const sweep = loadSpec(specFile, loadOptions);
    if (!sweep.ok) {
      for (const d of sweep.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      return EXIT.invalid;
    }
    if (sweep.kind !== "sweep") {
      io.stderr.write(`${backtestMessages.sweepNotSweepSpec(specFile, sweep.kind)}\n`);
      return EXIT.invalid;
    }
    const baseFile = resolve(dirname(specFile), sweep.spec.base);
    const base = loadSpec(baseFile, loadOptions);
    if (!base.ok) {
      for (const d of base.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
      return EXIT.invalid;
    }
    // The sweep loaded, so its base is an experiment (the spec layer checks it).
    if (base.kind !== "experiment") return EXIT.invalid;
    // The checks that need no data first: a bad metric or parameter fails before the data loads.
    const checked = checkLoadedSweep(specFile, sweep, baseFile, base);
    const sweepLoc = checked.loc;
    const baseLoc = checked.base.loc;
    const name = sweep.spec.name;
    const outDir =
      options.out ?? join("sweeps", `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
    // The report's files: the best trials on every segment (chosen on the objective's only), then the report.
    const selection: SegmentName = sweep.spec.objective.segment;
    const segments = segmentsOf(base.spec.segments);
    const reportPlan = checked.plan.report;
    const finishReport = async (
      trials: readonly TopTrialOnSegments[],
    ): Promise<WrittenSweepReport | undefined> => {
      writeTopSegments(outDir, {
        metric: checked.plan.metric,
        direction: sweep.spec.objective.direction,
        selection,
        segments,
        trials,
      });
      writeSweepRecord(outDir, sweep.spec, checked.plan);
      if (!reportPlan.html) return undefined;
      const written = await writeSweepReport(outDir, { signal: stop.signal });
      say(sweepReportMessages.wroteReport(written.html));
      return written;
    };
    if (checked.plan.kind === "experiments") {
      // Trial runs are indexed relative to `runs`, so a reindex of `runs` keeps them (their folder resolves).
      const runIndex = cliRunIndex(options.store);
      let written: WrittenSweepReport | undefined;
      try {
        const outcome = await runExperimentSweep(sweep.spec, checked.plan, checked.base, {
          outDir,
          signal: stop.signal,
          runIndex,
          onTrialStart: (done, total, params) =>
            say(backtestMessages.sweepTrialStart(done, total, params)),
          onTrialEnd: (trial) =>
            say(
              backtestMessages.sweepTrialEnd(
                checked.plan.metric,
                trial.metrics[checked.plan.metric],
                trial.run.status,
              ),
            ),
        });
        const summary = {
          name,
          kind: checked.plan.kind,
          status: outcome.status,
          segment: sweep.spec.objective.segment,
          metric: outcome.metric,
          direction: sweep.spec.objective.direction,
          trials: outcome.trials,
          failed: outcome.failed,
          skipped: outcome.skipped,
          elapsedSeconds: outcome.elapsedMs / 1000,
          ...(outcome.parquetPath ? { results: outcome.parquetPath } : {}),
          top: outcome.top,
        };
        writeJsonAtomic(join(outDir, "top.json"), summary);
        if (outcome.status === "complete" && outcome.trials > 0) {
          const best = outcome.top
            .filter((t) => t.run.status === "complete")
            .slice(0, reportPlan.topK);
          say(sweepReportMessages.reevaluating(best.length, segments));
          written = await finishReport(
            await evaluateExperimentTrialsOnSegments(checked.base, best, segments, selection, {
              outDir,
              signal: stop.signal,
              runIndex,
            }),
          );
        }
        if (outcome.status === "interrupted") {
          say(
            backtestMessages.sweepInterrupted(
              outcome.trials,
              outcome.trials + outcome.skipped,
              outDir,
            ),
          );
          return stop.exitCode() ?? EXIT.failure;
        }
        if (outcome.trials === 0) {
          io.stderr.write(`${backtestMessages.sweepNoTrials()}\n`);
          return EXIT.invalid;
        }
        if (options.json) {
          printJson(io, { ...summary, ...reportFiles(written) });
          return EXIT.ok;
        }
        say(
          backtestMessages.sweepTrialsDone(
            outcome.trials,
            outcome.failed,
            outcome.elapsedMs / 1000,
          ),
        );
        printTop(io, outcome.metric, outcome.top);
        return outcome.failed === outcome.trials ? EXIT.failure : EXIT.ok;
      } finally {
        runIndex.close();
      }
    }
    const data = await loadDataset(base.spec.data, {
      baseDir: dirname(baseFile),
      loc: baseLoc.at("/data"),
      segments: base.spec.segments,
      segmentsLoc: baseLoc.at("/segments"),
    });
    const settings = sweepSettings(sweepLoc, sweep.spec, base.spec, data, baseLoc);
    const space = createParameterSpace(settings.job.space);
    const maxTrials = sweep.spec.max_trials;
    if (space.method === "grid" && space.size > maxTrials) {
      io.stderr.write(`${backtestMessages.sweepTooLarge(space.size, maxTrials)}\n`);
      return EXIT.invalid;
    }
    const parquetPath = join(outDir, "results.parquet");
    const started = performance.now();
    let lastPrint = 0;
    const outcome = await runSweep(data.panel, settings.job, {
      metric: settings.metric,
      direction: settings.direction,
      topK: settings.topK,
      parquetPath,
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      signal: stop.signal,
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - lastPrint < 250 && done < total) return;
        lastPrint = now;
        const rate = done / ((now - started) / 1000);
        if (!options.json && io.stderr.isTTY)
          io.stderr.write(`\r${backtestMessages.sweepProgress(done, total, rate)}`);
      },
    });
    if (!options.json && io.stderr.isTTY) io.stderr.write("\n");
    if (outcome.trials === 0) {
      io.stderr.write(`${backtestMessages.sweepNoTrials()}\n`);
      return EXIT.invalid;
    }
    const summary = {
      name,
      kind: checked.plan.kind,
      status: "complete",
      segment: settings.segment,
      metric: outcome.metric,
      direction: settings.direction,
      trials: outcome.trials,
      skipped: outcome.skipped,
      elapsedSeconds: outcome.elapsedMs / 1000,
      backtestsPerSecond: outcome.backtestsPerSecond,
      results: parquetPath,
      top: outcome.top,
    };
    writeJsonAtomic(join(outDir, "top.json"), summary);
    const best = outcome.top.slice(0, reportPlan.topK);
    say(sweepReportMessages.reevaluating(best.length, segments));
    const written = await finishReport(
      evaluateRuleTrialsOnSegments(data.panel, settings.job, best, segments, selection),
    );
    if (options.json) {
      printJson(io, { ...summary, ...reportFiles(written) });
      return EXIT.ok;
    }
    say(
      backtestMessages.sweepDone(
        outcome.trials,
        outcome.elapsedMs / 1000,
        outcome.backtestsPerSecond,
      ),
    );
    printTop(io, outcome.metric, outcome.top);
    say(backtestMessages.sweepWrote(parquetPath));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof RunInterrupted) {
      if (!options.json && io.stderr.isTTY) io.stderr.write("\n");
      return stop.exitCode() ?? EXIT.failure;
    }
    if (isUserError(error)) {
      if (error.diagnostics.length > 0) {
        for (const d of error.diagnostics)
          io.stderr.write(`${formatDiagnostic({ ...d, file: d.file || specFile })}\n`);
      } else {
        io.stderr.write(`${error.message}\n`);
      }
      return EXIT.invalid;
    }
    throw error;
  } finally {
    stop.dispose();
  }
}

/** The report's files for the `--json` summary. */
function reportFiles(written: WrittenSweepReport | undefined): Record<string, string> {
  if (!written) return {};
  return { report: written.html, ...(written.pdf ? { reportPdf: written.pdf } : {}) };
}

/** The top trials as a tab-separated table: rank, parameters, the objective and a few headline metrics. */
function printTop(io: CliIO, metric: SweepMetric, top: readonly SweepRow[]): void {
  const names = Object.keys(top[0]?.params ?? {});
  const shown: SweepMetric[] = [metric, "totalReturn", "sharpeRatio", "maxDrawdown", "tradeCount"];
  io.stdout.write(`${["rank", ...names, ...shown].join("\t")}\n`);
  top.forEach((row, k) => {
    const cells = [
      String(k + 1),
      ...names.map((n) => String(row.params[n])),
      ...shown.map((m) => fmt(row.metrics[m])),
    ];
    io.stdout.write(`${cells.join("\t")}\n`);
  });
}

function fmt(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return "n/a";
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(4);
}
