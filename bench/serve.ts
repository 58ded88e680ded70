// npm run bench -- serve [--seconds 30] [--rate 500]
// Load from autocannon on loopback against the real server in a child process:
// POST /models/:name/predict at a fixed rate while idle, then at the same rate
// while a quickstart job (specs/quickstart.yaml, submitted with POST /backtests)
// runs in the server's job worker, then a stepped search for the highest rate
// whose p99 stays under 50 ms. Predict from bars (a tiny SPY agent run and
// registered here: features + env transform + full risk overlay) is measured at
// the same rate beside predict from an observation. Bounded in time; traffic only to 127.0.0.1.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { loadDataset } from "../runtime/data/load-dataset.js";
import { ModelRegistry } from "../runtime/registry/index.js";
import { runSpec } from "../runtime/run/run-spec.js";
import { normalizeSection } from "../runtime/spec/normalize-section.js";
import { createToken } from "../server/auth/jwt.js";
import { trainedArtifact } from "../test/support/trained-model.js";

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("seconds", 30);
const rate = arg("rate", 500);
// A small pool of service clients; 16 connections at the same total rate send bursts (see README).
const connections = arg("connections", 4);

interface LoadResult {
  readonly rate: number;
  readonly requests: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly throughput: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

const percentile = (sorted: Float64Array, q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;

const OBSERVATION_BODY = JSON.stringify({ observation: [0.01, -0.02, 0.03, 0.01] });

async function load(
  url: string,
  token: string,
  overallRate: number,
  duration: number,
  model = "bench",
  body = OBSERVATION_BODY,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let finish: (result: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve) => {
    finish = resolve;
  });
  const instance = autocannon(
    {
      url: `${url}/models/${model}/predict`,
      method: "POST",
      connections,
      overallRate,
      duration,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body,
    },
    (error, result) => {
      if (error) throw error;
      finish(result);
    },
  );
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await done;
  const sorted = Float64Array.from(latencies).sort();
  return {
    rate: overallRate,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    throughput: result.requests.total / duration,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
  };
}

interface JobView {
  readonly status: string;
  readonly runId?: string;
  readonly error?: string;
}

async function jobState(url: string, token: string, id: string): Promise<JobView> {
  const res = await fetch(`${url}/jobs/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as JobView;
}

/** Submits specs/quickstart.yaml and resolves once its worker is running. */
async function startQuickstartJob(url: string, token: string): Promise<string> {
  const res = await fetch(`${url}/backtests`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ specFile: "quickstart.yaml" }),
  });
  if (res.status !== 202) throw new Error(`POST /backtests answered ${res.status}`);
  const { jobId } = (await res.json()) as { jobId: string };
  for (;;) {
    const job = await jobState(url, token, jobId);
    if (job.status === "running") return jobId;
    if (job.status !== "queued") throw new Error(`quickstart job ${job.status}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A load result's JSON figures, keys camelCased after `prefix` (throughputPerSecond, p50Ms, …, errors). */
function latencyFigures(prefix: string, r: LoadResult): Record<string, number> {
  const key = (name: string) =>
    prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name;
  return {
    [key("throughputPerSecond")]: Math.round(r.throughput),
    [key("p50Ms")]: Number(r.p50.toFixed(3)),
    [key("p95Ms")]: Number(r.p95.toFixed(3)),
    [key("p99Ms")]: Number(r.p99.toFixed(3)),
    [key("errors")]: r.errors + r.non2xx,
  };
}

const fmt = (r: LoadResult): string =>
  `${String(r.rate).padStart(6)} req/s target: ${r.throughput.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, errors ${r.errors + r.non2xx}`;

/** A tiny single-asset PPO on SPY with four risk rules, run and registered as `bench-bars` in `registry`. */
async function registerBarsModel(root: string): Promise<void> {
  const file = join(root, "bench-bars.yaml");
  writeFileSync(
    file,
    `name: bench-bars
seed: 3
data: { source: bundled, name: spy, start: 2015-01-02, end: 2017-12-29 }
segments:
  train: { start: 2015-01-02, end: 2016-06-30 }
  test: { start: 2016-07-01, end: 2017-12-29 }
features:
  - { type: log_return }
  - { type: volatility, window: 20 }
  - { type: zscore, window: 20 }
agent:
  type: ppo
  backend: cpu
  env: { type: single_asset, symbol: SPY, actions: short_flat_long, window: 5, episode_length: 64 }
  total_timesteps: 128
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
backtest: { cash: 10000, costs: { commission: 0.001 } }
risk:
  rules:
    - type: drawdown_control
      levels: [{ drawdown: 0.10, scale: 0.5 }, { drawdown: 0.20, scale: 0.0 }]
      reentry: { after_bars: 20 }
    - { type: stop_loss, method: atr, atr_window: 14, atr_multiple: 3 }
    - { type: vol_target, target: 0.15, estimator: ewma, max_leverage: 1.0 }
    - { type: kill_switch, max_drawdown: 0.35 }
report: { html: false }
register: { model: bench-bars, registry: ${JSON.stringify(root)} }
`,
  );
  const result = await runSpec(file, { runsDir: join(root, "bench-runs") });
  if (result.status !== "complete") throw new Error(`bench-bars run ${result.status}`);
}

/**
 * The body of a steady predict-from-bars request: the last \`minimum\` bars up
 * to a bar of the test segment, with the env and risk state of the call for
 * the bar before (taken from a first call that sent the whole history).
 */
async function barsBody(url: string, token: string): Promise<string> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  const shown = (await (
    await fetch(`${url}/models/bench-bars/versions/latest`, { headers })
  ).json()) as { signature: { bars: { minimum: number } } };
  const minimum = shown.signature.bars.minimum;
  const data = await loadDataset(normalizeSection("data", { source: "bundled", name: "spy" }));
  const panel = data.panel;
  const b = panel.timestamps.length - 60;
  const bars = (first: number, last: number) => ({
    time: Array.from(panel.timestamps.subarray(first, last + 1)),
    symbols: [
      {
        symbol: "SPY",
        ...Object.fromEntries(
          (["open", "high", "low", "close", "volume"] as const).map((c) => [
            c,
            Array.from(panel[c][0]!.subarray(first, last + 1)),
          ]),
        ),
      },
    ],
  });
  const portfolio = { equity: 10_000, peakEquity: 10_500, weights: [0.5] };
  const first = await fetch(`${url}/models/bench-bars/predict`, {
    method: "POST",
    headers,
    body: JSON.stringify({ bars: bars(0, b - 1), portfolio: { ...portfolio, bar: b - 1 } }),
  });
  const prior = (await first.json()) as { riskState: unknown; envState: unknown };
  if (first.status !== 200) throw new Error(`predict from bars answered ${first.status}`);
  return JSON.stringify({
    bars: bars(b - minimum + 1, b),
    portfolio: { ...portfolio, bar: b },
    riskState: prior.riskState,
    envState: prior.envState,
  });
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "drlwb-bench-serve-"));
  mkdirSync(join(root, "specs"), { recursive: true });
  for (const name of ["quickstart.yaml", "agent-ppo-spy.yaml"])
    copyFileSync(join(import.meta.dirname, "..", "specs", name), join(root, "specs", name));
  const secret = "bench-secret-".padEnd(40, "x");
  new ModelRegistry(root).registerModel({
    name: "bench",
    sourceDir: await trainedArtifact(),
    aliases: ["champion"],
  });
  await registerBarsModel(root);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "support", "serve-child.ts"), root, secret],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url: string = await new Promise((resolve) =>
    createInterface({ input: child.stdout! }).once("line", resolve),
  );
  try {
    const token = await createToken(new TextEncoder().encode(secret), {
      subject: "bench",
      role: "viewer",
    });
    const researcher = await createToken(new TextEncoder().encode(secret), {
      subject: "bench-researcher",
      role: "researcher",
    });
    await load(url, token, 200, 3); // warm-up: model load, JIT
    console.log(`predict at a fixed rate for ${seconds} s (${connections} connections), idle:`);
    const fixed = await load(url, token, rate, seconds);
    console.log(fmt(fixed));
    const body = await barsBody(url, token);
    await load(url, token, 200, 3, "bench-bars", body); // warm-up
    console.log(
      `predict from bars (features + env transform + 4-rule risk overlay) at ${rate} req/s for ${seconds} s, beside predict from an observation:`,
    );
    const fromBars = await load(url, token, rate, seconds, "bench-bars", body);
    console.log(`  from bars:       ${fmt(fromBars)}`);
    console.log(`  from observation:${fmt(fixed)}`);
    console.log(
      `  from bars p95 ${fromBars.p95.toFixed(2)} ms (target < 5), p99 ${fromBars.p99.toFixed(2)} ms (target < 10), errors ${fromBars.errors + fromBars.non2xx}`,
    );
    console.log(
      `predict at ${rate} req/s for ${seconds} s while a quickstart job runs (POST /backtests, worker process):`,
    );
    const jobId = await startQuickstartJob(url, researcher);
    const underJob = await load(url, token, rate, seconds);
    const jobAfter = await jobState(url, researcher, jobId);
    const ratio = underJob.p99 / fixed.p99;
    console.log(fmt(underJob));
    console.log(
      `job ${jobAfter.status} at the end of the window${jobAfter.status === "running" ? " (ran throughout; cancelled now)" : ""}; p99 idle ${fixed.p99.toFixed(2)} ms, under the job ${underJob.p99.toFixed(2)} ms: ${ratio.toFixed(2)}× (target ≤ 2×)`,
    );
    if (jobAfter.status === "running" || jobAfter.status === "queued")
      await fetch(`${url}/jobs/${jobId}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${researcher}` },
      });
    for (let i = 0; i < 300; i++) {
      const { status } = await jobState(url, researcher, jobId);
      if (status !== "running" && status !== "queued") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log("stepped search for the highest rate with p99 < 50 ms (5 s per step):");
    let best: LoadResult | undefined;
    for (const step of [1000, 2000, 3000, 4000, 6000, 8000, 12000]) {
      const r = await load(url, token, step, 5);
      console.log(fmt(r));
      const sustained = r.p99 < 50 && r.errors + r.non2xx === 0 && r.throughput >= 0.95 * step;
      if (!sustained) break;
      best = r;
    }
    console.log(
      JSON.stringify({
        targetRatePerSecond: rate,
        durationSeconds: seconds,
        ...latencyFigures("", fixed),
        maxSustainedRequestsPerSecond: best ? Math.round(best.throughput) : 0,
        maxSustainedP99Ms: best ? Number(best.p99.toFixed(3)) : null,
        predictP99MsIdle: Number(fixed.p99.toFixed(3)),
        predictP99MsUnderJob: Number(underJob.p99.toFixed(3)),
        predictP99UnderJobRatio: Number(ratio.toFixed(3)),
        predictErrorsUnderJob: underJob.errors + underJob.non2xx,
        jobStatusAfterWindow: jobAfter.status,
        barsRatePerSecond: rate,
        ...latencyFigures("bars", fromBars),
        observationP95Ms: Number(fixed.p95.toFixed(3)),
        observationP99Ms: Number(fixed.p99.toFixed(3)),
      }),
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
