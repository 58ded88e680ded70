/**
 * npm run bench -- data
 * 1) dow30 (30 symbols × 10 years daily): load + quality check + 10 indicators.
 * 2) 1,000,000 synthetic minute bars (deterministic, seeded): 10 indicators.
 */
import { createRng } from "../runtime/core/rng.js";
import { computeFeatures } from "../runtime/data/features/compute-features.js";
import type { FeatureSpec } from "../runtime/data/features/feature-types.js";
import { loadDataset } from "../runtime/data/load-dataset.js";
import type { OhlcvPanel } from "../runtime/data/panel.js";

const TEN: FeatureSpec[] = [
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
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** CPU time of this process in ms (user + system, all threads): on a busy machine a steadier figure than wall time. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

async function dow30Ms(): Promise<{ ms: number; cpu: number; rows: number }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let rows = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const ds = await loadDataset({ source: "bundled", name: "dow30" });
    computeFeatures(ds.panel, TEN);
    times.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
    rows = ds.frame.height;
  }
  return { ms: median(times.slice(1)), cpu: median(cpu.slice(1)), rows };
}

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

const dow = await dow30Ms();
console.log(
  `dow30 load + quality + 10 indicators: ${dow.ms.toFixed(0)} ms wall, ${dow.cpu.toFixed(0)} ms CPU (${dow.rows} rows; target < 300 ms)`,
);
const bars = 1_000_000;
const panel = syntheticMinutes(bars);
const times: number[] = [];
const cpus: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  computeFeatures(panel, TEN);
  times.push(performance.now() - t0);
  cpus.push(cpuMs(c0));
}
const minuteMs = median(times);
const minuteCpu = median(cpus);
console.log(
  `1,000,000 minute bars through 10 indicators: ${minuteMs.toFixed(0)} ms wall, ${minuteCpu.toFixed(0)} ms CPU (${bars} rows; target < 1000 ms)`,
);
console.log(
  JSON.stringify({
    dow30LoadQualityFeaturesMs: Math.round(dow.ms),
    dow30LoadQualityFeaturesCpuMs: Math.round(dow.cpu),
    dow30Rows: dow.rows,
    minuteBars10IndicatorsMs: Math.round(minuteMs),
    minuteBars10IndicatorsCpuMs: Math.round(minuteCpu),
    minuteBarsRows: bars,
  }),
);
