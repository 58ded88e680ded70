// npm run bench -- serve [--seconds 30] [--rate 500]
// Load from autocannon on loopback against the real server in a child process:
// POST /models/:name/predict at a fixed rate, then a stepped search for the highest
// rate whose p99 stays under 50 ms. Bounded in time; traffic only to 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
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

const fmt = (r: LoadResult): string =>
  `${String(r.rate).padStart(6)} req/s target: ${r.throughput.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, errors ${r.errors + r.non2xx}`;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "drlwb-bench-serve-"));
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
    await load(url, token, 200, 3); // warm-up: model load, JIT
    console.log(`predict at a fixed rate for ${seconds} s (${connections} connections):`);
    const fixed = await load(url, token, rate, seconds);
    console.log(fmt(fixed));
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
      }),
    );
  } finally {
    child.kill("SIGTERM");
  }
}

await main();
