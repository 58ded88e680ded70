/**
 * Risk-overlay overhead (see bench/support/risk-once.ts for what is measured).
 * A single process's figures depend on how V8 happened to compile the rules
 * and on the machine's noise (on this 2-core VM the same measurement lands
 * at ~130 or ~220 ns/bar from one process to the next), so the measurement
 * runs in several fresh processes, one after another; every process's lines
 * are printed, then the median of each figure and the range of the overhead
 * percentages. Usage: npm run bench -- risk [--processes N] (default 3).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const flag = process.argv.indexOf("--processes");
const processes = flag >= 0 ? Number(process.argv[flag + 1]) : 3;
if (!(Number.isInteger(processes) && processes >= 1)) {
  console.error("--processes needs a whole number ≥ 1");
  process.exit(2);
}
const once = fileURLToPath(new URL("./support/risk-once.ts", import.meta.url));

const runs: Record<string, number>[] = [];
for (let k = 1; k <= processes; k++) {
  const child = spawnSync(process.execPath, ["--import", "tsx", once], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.status !== 0) {
    console.error(`process ${k} failed (exit ${child.status})`);
    process.exit(1);
  }
  const lines = child.stdout.trim().split("\n");
  console.log(`process ${k} of ${processes}:`);
  for (const line of lines.slice(0, -1)) console.log(`  ${line}`);
  runs.push(JSON.parse(lines.at(-1)!) as Record<string, number>);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const figures: Record<string, number> = { processes };
for (const key of Object.keys(runs[0]!)) figures[key] = median(runs.map((r) => r[key]!));
const f = (v: number) => v.toFixed(1);
console.log(`median of ${processes} processes:`);
for (const name of ["core", "full"]) {
  const pct = runs.map((r) => r[`${name}OverlayBacktestOverheadPercent`]!);
  const stagePct = runs.map((r) => r[`${name}OverlayStageOverheadPercent`]!);
  console.log(
    `  ${name} overlay: ${figures[`${name}OverlayMs`]!.toFixed(3)} ms = ${f(figures[`${name}OverlayNsPerBar`]!)} ns/bar → ` +
      `+${f(median(stagePct))}% of the backtest stage, +${f(median(pct))}% of the backtest without files ` +
      `(range over processes ${f(Math.min(...pct))}–${f(Math.max(...pct))}%), ` +
      `+${f(figures[`${name}OverlayEngineStatsOverheadPercent`]!)}% of engine + statistics`,
  );
  figures[`${name}OverlayBacktestOverheadPercentMin`] = Math.min(...pct);
  figures[`${name}OverlayBacktestOverheadPercentMax`] = Math.max(...pct);
}
console.log(
  JSON.stringify(
    Object.fromEntries(
      Object.entries(figures).map(([k, v]) => [
        k,
        Number(v.toFixed(k.endsWith("Events") || k === "bars" || k === "processes" ? 0 : 3)),
      ]),
    ),
  ),
);
