/**
 * npm run bench -- data
 * 1) dow30 (30 symbols × 10 years daily): load + quality check + 10 indicators.
 * 2) 1,000,000 synthetic minute bars (deterministic, seeded): 10 indicators.
 * Each figure is the median of warm runs (a library call inside a running
 * process); the first, cold run (module load, JIT) is printed apart. Wall and
 * CPU time (process.cpuUsage, all threads) both: on a shared machine CPU time
 * is the steadier figure.
 */
import { createRng } from "../runtime/core/rng.js";
import { computeFeatures } from "../runtime/data/features/compute-features.js";
import { featureSpecs } from "../runtime/data/features/feature-specs.js";
import { loadDataset } from "../runtime/data/load-dataset.js";
import type { OhlcvPanel } from "../runtime/contracts/panel.js";
import { resolveSchemaValue } from "../runtime/spec/resolve-value.js";

const TEN = featureSpecs([
  { type: "log_return" },
  { type: "sma", window: 20 },
  { type: "ema", window: 20 },
  { type: "wma", window: 10 },
  { type: "rsi", window: 14 },
  { type: "macd" },
  { type: "bollinger", window: 20 },
  { type: "atr", window: 14 },
  { type: "volatility", window: 20 },
  { type: "zscore", window: 20 },
]);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** CPU time of this process in ms (user + system, all threads): on a busy machine a steadier figure than wall time. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

interface Timing {
  /** Median wall and CPU ms of the warm runs. */
  readonly ms: number;
  readonly cpu: number;
  /** The first (cold: module load, JIT) run. */
  readonly coldMs: number;
  readonly coldCpu: number;
}

/** Runs `work` `warm + 1` times: the first run is reported apart, then the medians of the rest. */
async function timed(warm: number, work: () => unknown): Promise<Timing> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= warm; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await work();
    times.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
  }
  return {
    ms: median(times.slice(1)),
    cpu: median(cpu.slice(1)),
    coldMs: times[0]!,
    coldCpu: cpu[0]!,
  };
}

const DOW30_RUNS = 8;
const MINUTE_RUNS = 3;

function syntheticMinutes(n: number): OhlcvPanel {
  const rng = createRng(7);
  const ts = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let price = 100;
  for (let t = 0; t < n; t++) {
    ts[t] = Date.UTC(2020, 0, 1) + t * 60_000;
    const o = price;
    price *= Math.exp(0.0005 * (rng.next() - 0.5));
    open[t] = o;
    close[t] = price;
    high[t] = Math.max(o, price) * (1 + 0.0002 * rng.next());
    low[t] = Math.min(o, price) * (1 - 0.0002 * rng.next());
    volume[t] = 1000 + Math.floor(1000 * rng.next());
  }
  return {
    timestamps: ts,
    symbols: ["SYN"],
    open: [open],
    high: [high],
    low: [low],
    close: [close],
    volume: [volume],
  };
}

let dowRows = 0;
const dow = await timed(DOW30_RUNS, async () => {
  const ds = await loadDataset(
    resolveSchemaValue("data", { source: "bundled", name: "dow30" }, "bench"),
  );
  computeFeatures(ds.panel, TEN);
  dowRows = ds.frame.height;
});
console.log(
  `dow30 load + quality + 10 indicators: ${dow.ms.toFixed(0)} ms wall, ${dow.cpu.toFixed(0)} ms CPU (median of ${DOW30_RUNS} after a cold run of ${dow.coldMs.toFixed(0)} ms wall / ${dow.coldCpu.toFixed(0)} ms CPU; ${dowRows} rows; target < 300 ms)`,
);
const bars = 1_000_000;
const panel = syntheticMinutes(bars);
const minute = await timed(MINUTE_RUNS, () => computeFeatures(panel, TEN));
console.log(
  `1,000,000 minute bars through 10 indicators: ${minute.ms.toFixed(0)} ms wall, ${minute.cpu.toFixed(0)} ms CPU (median of ${MINUTE_RUNS} after a cold run of ${minute.coldMs.toFixed(0)} ms wall / ${minute.coldCpu.toFixed(0)} ms CPU; ${bars} rows; target < 1000 ms)`,
);
console.log(
  JSON.stringify({
    dow30LoadQualityFeaturesMs: Math.round(dow.ms),
    dow30LoadQualityFeaturesCpuMs: Math.round(dow.cpu),
    dow30ColdMs: Math.round(dow.coldMs),
    dow30ColdCpuMs: Math.round(dow.coldCpu),
    dow30Rows: dowRows,
    minuteBars10IndicatorsMs: Math.round(minute.ms),
    minuteBars10IndicatorsCpuMs: Math.round(minute.cpu),
    minuteBarsColdMs: Math.round(minute.coldMs),
    minuteBarsColdCpuMs: Math.round(minute.coldCpu),
    minuteBarsRows: bars,
  }),
);
