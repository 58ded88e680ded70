/**
 * `drlwb sweep <spec>`: runs a `kind: sweep` spec over its base experiment's
 * rule-based strategy on every core, shows progress, prints the top trials
 * by the objective metric and writes the full table (results.parquet) and
 * the top trials (top.json) to the output folder.
 */
import { dirname, join, resolve } from "node:path";
import { writeJsonAtomic } from "../runtime/core/atomic-write.js";
import { formatDiagnostic, isUserError } from "../runtime/core/errors.js";
import { runSweep } from "../runtime/backtest/sweep/run-sweep.js";
import { createParameterSpace } from "../runtime/backtest/sweep/parameter-space.js";
import { checkSweepSpec, sweepSettings } from "../runtime/backtest/sweep/sweep-spec.js";
import { loadDataset } from "../runtime/data/load-dataset.js";
import { backtestMessages } from "../runtime/messages/backtest.js";
import { loadSpec } from "../runtime/spec/index.js";
import { loadedSpecLocation } from "../runtime/spec/spec-location.js";
import { RunInterrupted } from "../runtime/core/interrupt.js";
import { type CliIO, EXIT, type ExitCode, printJson, processIO } from "./io.js";
import { handleStopSignals } from "../runtime/run/stop-signals.js";

export interface SweepCommandOptions {
  readonly json?: boolean;
  readonly env?: string;
  /** Output folder; default `sweeps/<name>-<UTC timestamp>` next to the working directory. */
  readonly out?: string;
  /** Worker threads; default all cores. */
  readonly workers?: number;
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
    const sweepLoc = loadedSpecLocation(specFile, sweep.locate);
    const baseLoc = loadedSpecLocation(baseFile, base.locate);
    // The checks that need no data first: a bad metric or parameter fails before the data loads.
    checkSweepSpec(sweep.spec, base.spec, sweepLoc, baseLoc);
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
    const name = sweep.spec.name;
    const outDir =
      options.out ?? join("sweeps", `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
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
    if (options.json) {
      printJson(io, summary);
      return EXIT.ok;
    }
    say(
      backtestMessages.sweepDone(
        outcome.trials,
        outcome.elapsedMs / 1000,
        outcome.backtestsPerSecond,
      ),
    );
    const names = Object.keys(outcome.top[0]?.params ?? {});
    const columns = [
      "rank",
      ...names,
      outcome.metric,
      "total_return",
      "sharpe",
      "max_drawdown",
      "trades",
    ];
    io.stdout.write(`${columns.join("\t")}\n`);
    outcome.top.forEach((row, k) => {
      const cells = [
        String(k + 1),
        ...names.map((n) => String(row.params[n])),
        ...columns
          .slice(1 + names.length)
          .map((m) => fmt(row.metrics[m as keyof typeof row.metrics])),
      ];
      io.stdout.write(`${cells.join("\t")}\n`);
    });
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

function fmt(x: number | undefined): string {
  if (x === undefined || Number.isNaN(x)) return "n/a";
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(4);
}
