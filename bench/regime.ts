/**
 * Regime benchmark: Gaussian HMMs (diagonal, 5 restarts) on the bundled S&P 500
 * daily log returns in percent (2000-2020, ~5,100 points). Prints the best
 * log-likelihood, transition matrix and per-state mean and standard deviation
 * for 2 and 3 states, then one JSON line of figures.
 */
import { createRng } from "../runtime/core/rng.js";
import { fitGaussianHmm } from "../runtime/regime/hmm/fit.js";
import { filter } from "../runtime/regime/hmm/forward-backward.js";
import { observations, stateVariance } from "../runtime/regime/hmm/model.js";
import { HmmOnlineFilter } from "../runtime/regime/hmm/online-filter.js";
import { readOhlcvCsv } from "../test/support/csv-panel.js";

const panel = readOhlcvCsv("sp500_daily_2000_2020_vega.csv", "SPX");
const close = panel.close[0]!;
const returns = new Float64Array(close.length - 1);
for (let t = 1; t < close.length; t++) returns[t - 1] = 100 * Math.log(close[t]! / close[t - 1]!);
const obs = observations(returns);
console.log(`S&P 500 daily log returns (%): ${obs.n} points`);

const figures: Record<string, number> = { observations: obs.n };
for (const k of [2, 3]) {
  // Warm-up run so the JIT has compiled the hot loops, then the timed runs.
  fitGaussianHmm(obs, { nStates: k, restarts: 1 }, createRng(0));
  const runs = 5;
  const times: number[] = [];
  let fit = fitGaussianHmm(obs, { nStates: k, restarts: 5 }, createRng(42));
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fit = fitGaussianHmm(obs, { nStates: k, restarts: 5 }, createRng(42));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)]!;
  const p = fit.params;
  console.log(
    `\n${k}-state diagonal HMM, 5 restarts: median ${median.toFixed(1)} ms over ${runs} fits`,
  );
  console.log(
    `  best log-likelihood ${fit.logLikelihood.toFixed(4)}  (restarts: ${fit.restartLogLikelihoods.map((v) => v.toFixed(2)).join(", ")})`,
  );
  console.log(
    `  AIC ${fit.aic.toFixed(2)}  BIC ${fit.bic.toFixed(2)}  EM iterations ${fit.iterations}`,
  );
  console.log("  transition matrix:");
  for (let i = 0; i < k; i++) {
    const row = Array.from(p.transmat.subarray(i * k, i * k + k)).map((v) => v.toFixed(4));
    console.log(`    [${row.join("  ")}]`);
  }
  for (let s = 0; s < k; s++) {
    const mean = p.means[s]!;
    const sd = Math.sqrt(stateVariance(p, s, 0));
    console.log(`  state ${s}: mean ${mean.toFixed(4)} %  std ${sd.toFixed(4)} %`);
  }
  figures[`hmm${k}StateFitMs`] = Number(median.toFixed(2));
  figures[`hmm${k}StateLogLikelihood`] = Number(fit.logLikelihood.toFixed(4));
  if (k === 2) {
    const t0 = performance.now();
    const batch = filter(p, obs);
    const online = new HmmOnlineFilter(p);
    for (let t = 0; t < obs.n; t++) online.update([returns[t]!]);
    const ms = performance.now() - t0;
    figures.filterAndStreamMs = Number(ms.toFixed(2));
    figures.streamUpdatesPerSecond = Math.round(obs.n / (ms / 1000));
    void batch;
  }
}
console.log(JSON.stringify(figures));
