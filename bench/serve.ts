// npm run bench -- serve [--seconds 30] [--rate 500]
// Load from autocannon on loopback against the real server in a child process:
// POST /models/:name/predict at a fixed rate while idle, then at the same rate
// while a quickstart job (specs/quickstart.yaml, submitted with POST /backtests)
// runs in the server's job worker, then a stepped search for the highest rate
// whose p99 stays under 50 ms. Bounded in time; traffic only to 127.0.0.1.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { ModelRegistry } from "../runtime/registry/index.js";
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

async function load(
  url: string,
  token: string,
  overallRate: number,
  duration: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let finish: (result: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve) => {
    finish = resolve;
  });
  const instance = autocannon(
    {
      url: `${url}/models/bench/predict`,
      method: "POST",
      connections,
      overallRate,
      duration,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ observation: [0.01, -0.02, 0.03, 0.01] }),
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

const fmt = (r: LoadResult): string =>
  `${String(r.rate).padStart(6)} req/s target: ${r.throughput.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, errors ${r.errors + r.non2xx}`;

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
        throughputPerSecond: Math.round(fixed.throughput),
        p50Ms: Number(fixed.p50.toFixed(3)),
        p95Ms: Number(fixed.p95.toFixed(3)),
        p99Ms: Number(fixed.p99.toFixed(3)),
        errors: fixed.errors + fixed.non2xx,
        maxSustainedRequestsPerSecond: best ? Math.round(best.throughput) : 0,
        maxSustainedP99Ms: best ? Number(best.p99.toFixed(3)) : null,
        predictP99MsIdle: Number(fixed.p99.toFixed(3)),
        predictP99MsUnderJob: Number(underJob.p99.toFixed(3)),
        predictP99UnderJobRatio: Number(ratio.toFixed(3)),
        predictErrorsUnderJob: underJob.errors + underJob.non2xx,
        jobStatusAfterWindow: jobAfter.status,
      }),
    );
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
