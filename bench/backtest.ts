/**
 * Backtest benchmark (`npm run bench -- backtest [--quick]`):
 * 1. the full SMA-crossover sweep on bundled GOOG daily (2,148 bars): all
 *    19,110 fast < slow pairs in 5..200, long/short, next-open fills, 0.2 %
 *    commission, on 2 threads (main + 1 worker over a shared panel): warm pool
 *    (best of 3), cold pool (worker start-up included) and one thread;
 * 2. one event-driven SmaCross(10, 20) run on GOOG, warm (median of 200);
 * 3. peak RSS of a 1,000,000-backtest random sweep (with repeats), results
 *    streamed to Parquet (`--quick`: 100,000).
 * Readable lines, then one JSON line.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strategySection } from "../runtime/backtest/strategies/rule-strategy.js";
import { createCostModel } from "../runtime/backtest/costs/index.js";
import { SmaCross } from "../runtime/backtest/event/examples/sma-cross.js";
import { runEventBacktest } from "../runtime/backtest/event/run-event-backtest.js";
import type { SweepJob } from "../runtime/backtest/sweep/batch-runner.js";
import { runSweep } from "../runtime/backtest/sweep/run-sweep.js";
import { SweepPool } from "../runtime/backtest/sweep/sweep-pool.js";
import { readOhlcvCsv } from "../test/support/csv-panel.js";
import { sectionDefaults } from "../runtime/spec/section-defaults.js";

const quick = process.argv.includes("--quick");
const goog = readOhlcvCsv("goog_daily_2004_2013_backtestingpy.csv", "GOOG");
const bars = goog.timestamps.length;
const out = mkdtempSync(join(tmpdir(), "drlwb-bench-"));

const fullGrid: SweepJob = {
  strategy: strategySection({ type: "sma_crossover", short: true }),
  space: {
    parameters: {
      "strategy.fast": { min: 5, max: 200, step: 1, log: false },
      "strategy.slow": { min: 5, max: 200, step: 1, log: false },
    },
    method: "grid",
    samples: 1,
    seed: 0,
    constraints: ["strategy.fast < strategy.slow"],
  },
  // Every trial is the run's backtest (vectorized engine, costs) and statistics, on the whole panel.
  backtest: {
    ...sectionDefaults("backtest"),
    cash: 10_000,
    fill: "next_open",
    rebalance: "on_change",
    costs: { ...sectionDefaults("backtest/costs"), commission: 0.002 },
    segment: "all",
  },
  segments: { train: { start: 0, end: bars }, test: { start: 0, end: bars } },
};

async function main(): Promise<void> {
  console.log(
    `GOOG daily: ${bars} bars; machine: ${(await import("node:os")).availableParallelism()} cores`,
  );

  // 1. Full grid on 2 threads: cold (a fresh pool, worker start-up included)
  //    and warm (a started pool reused, best of 3), plus one thread.
  const cold = await runSweep(goog, fullGrid, { workers: 2, metric: "totalReturn", topK: 1 });
  const pool = new SweepPool(goog, 2);
  await pool.ready();
  let best = await runSweep(goog, fullGrid, { pool, metric: "totalReturn", topK: 1 });
  for (let k = 0; k < 2; k++) {
    const again = await runSweep(goog, fullGrid, { pool, metric: "totalReturn", topK: 1 });
    if (again.elapsedMs < best.elapsedMs) best = again;
  }
  const single = await runSweep(goog, fullGrid, { workers: 1, metric: "totalReturn", topK: 1 });
  const top = best.top[0]!;
  console.log(
    `SMA grid: ${best.trials} backtests on 2 threads in ${(best.elapsedMs / 1000).toFixed(3)} s = ${Math.round(best.backtestsPerSecond)} backtests/s ` +
      `(${best.workerBatches}/${best.batches} batches on the worker); cold pool incl. worker start-up: ${(cold.elapsedMs / 1000).toFixed(3)} s = ` +
      `${Math.round(cold.backtestsPerSecond)}/s; 1 thread: ${Math.round(single.backtestsPerSecond)}/s`,
  );
  console.log(
    `best pair: fast ${top.params["strategy.fast"]}, slow ${top.params["strategy.slow"]}: return ${(top.metrics.totalReturn * 100).toFixed(2)}%, Sharpe ${top.metrics.sharpeRatio.toFixed(2)}, ${top.metrics.tradeCount} trades`,
  );

  // 2. Event-driven SmaCross, warm.
  const opts = {
    params: { fast: 10, slow: 20 },
    cash: 10_000,
    costs: createCostModel({
      ...sectionDefaults("backtest/costs"),
      commission: 0.002,
      commission_mode: "entry_price",
    }),
    exclusiveOrders: true,
  };
  for (let k = 0; k < 50; k++) runEventBacktest(goog, SmaCross, opts);
  const times: number[] = [];
  let final = 0;
  for (let k = 0; k < 200; k++) {
    const t0 = performance.now();
    const r = runEventBacktest(goog, SmaCross, opts);
    times.push(performance.now() - t0);
    final = r.equity[bars - 1]!;
  }
  times.sort((a, b) => a - b);
  const eventMedianMs = times[100]!;
  const eventP95Ms = times[190]!;
  console.log(
    `event-driven SmaCross(10, 20) on GOOG: median ${eventMedianMs.toFixed(3)} ms, p95 ${eventP95Ms.toFixed(3)} ms (equity final ${final.toFixed(2)})`,
  );

  // 3. A large random sweep, streamed.
  const samples = quick ? 100_000 : 1_000_000;
  const path = join(out, "million.parquet");
  let shown = 0;
  const large = await runSweep(
    goog,
    {
      ...fullGrid,
      space: { ...fullGrid.space, method: "random", samples, seed: 1 },
    },
    {
      pool,
      metric: "sharpeRatio",
      topK: 10,
      parquetPath: path,
      onProgress: (done, total) => {
        const decile = Math.floor((10 * done) / total);
        if (decile > shown) {
          shown = decile;
          process.stdout.write(`\r  ${done}/${total}`);
        }
      },
    },
  );
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  await pool.close();
  console.log(
    `\nrandom sweep: ${large.trials} backtests in ${(large.elapsedMs / 1000).toFixed(1)} s (${Math.round(large.backtestsPerSecond)}/s), ` +
      `Parquet ${(statSync(path).size / 2 ** 20).toFixed(1)} MiB; peak RSS ${peakRssMiB.toFixed(0)} MiB`,
  );
  rmSync(out, { recursive: true, force: true });

  console.log(
    JSON.stringify({
      gridBacktests: best.trials,
      gridBacktestsPerSecond: Math.round(best.backtestsPerSecond),
      gridColdBacktestsPerSecond: Math.round(cold.backtestsPerSecond),
      gridColdTotalSeconds: Number((cold.elapsedMs / 1000).toFixed(3)),
      gridSingleThreadBacktestsPerSecond: Math.round(single.backtestsPerSecond),
      gridTotalSeconds: Number((best.elapsedMs / 1000).toFixed(3)),
      bestFast: top.params["strategy.fast"],
      bestSlow: top.params["strategy.slow"],
      bestReturnPercent: Number((top.metrics.totalReturn * 100).toFixed(2)),
      eventSmaCrossMedianMs: Number(eventMedianMs.toFixed(4)),
      eventSmaCrossP95Ms: Number(eventP95Ms.toFixed(4)),
      largeSweepBacktests: large.trials,
      largeSweepBacktestsPerSecond: Math.round(large.backtestsPerSecond),
      largeSweepPeakRssMiB: Math.round(peakRssMiB),
    }),
  );
}

void main();
