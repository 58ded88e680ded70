/**
 * Spec figures: validate + normalize (+ compile to a plan, for experiments)
 * time per example spec in specs/, warm (schemas compiled once, as in a
 * long-lived process). Target: under 50 ms per spec warm.
 *
 *   npm run bench -- spec [iterations]
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { compilePlan } from "../runtime/core/compile-plan.js";
import { defaultStageFactories } from "../runtime/run/default-stages.js";
import { createSpecLoader, type SpecLoader } from "../runtime/spec/index.js";

const iterations = Number(process.argv[2] ?? 30);
const dir = "specs";
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((f) => join(dir, f));

function once(loader: SpecLoader, file: string): { ok: boolean; compiled: boolean } {
  const result = loader.loadSpec(file, { environ: { ...process.env } });
  if (!result.ok || result.kind !== "experiment") return { ok: result.ok, compiled: false };
  try {
    compilePlan(result.spec, defaultStageFactories());
    return { ok: true, compiled: true };
  } catch {
    return { ok: true, compiled: false };
  }
}

const coldStart = performance.now();
const loader = createSpecLoader();
const schemaCompileMs = performance.now() - coldStart;
console.log(
  `schemas loaded in ${schemaCompileMs.toFixed(1)} ms; ${files.length} specs, ${iterations} warm runs each`,
);

const warmMeans: number[] = [];
const warmMaxes: number[] = [];
let firstRunMs = 0;
for (const file of files) {
  const t0 = performance.now();
  const first = once(loader, file);
  const firstMs = performance.now() - t0;
  firstRunMs = Math.max(firstRunMs, firstMs);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    once(loader, file);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? mean;
  warmMeans.push(mean);
  warmMaxes.push(p95);
  const status = first.ok ? (first.compiled ? "valid, compiled" : "valid") : "INVALID";
  console.log(
    `${file.padEnd(40)} ${status.padEnd(16)} first ${firstMs.toFixed(1).padStart(7)} ms  warm mean ${mean.toFixed(2).padStart(6)} ms  p95 ${p95.toFixed(2).padStart(6)} ms`,
  );
}

const meanWarmMs = warmMeans.length ? warmMeans.reduce((a, b) => a + b, 0) / warmMeans.length : 0;
const maxWarmMs = warmMeans.length ? Math.max(...warmMeans) : 0;
const maxWarmP95Ms = warmMaxes.length ? Math.max(...warmMaxes) : 0;
console.log(
  `warm: mean ${meanWarmMs.toFixed(2)} ms, worst spec ${maxWarmMs.toFixed(2)} ms (target < 50 ms)`,
);
console.log(
  JSON.stringify({
    specs: files.length,
    iterations,
    schemaCompileMs: Number(schemaCompileMs.toFixed(2)),
    maxFirstRunMs: Number(firstRunMs.toFixed(2)),
    meanWarmMs: Number(meanWarmMs.toFixed(3)),
    maxWarmMs: Number(maxWarmMs.toFixed(3)),
    maxWarmP95Ms: Number(maxWarmP95Ms.toFixed(3)),
  }),
);
