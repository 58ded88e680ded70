import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The agent's training log in a run folder: `stages/signal/metrics.jsonl`,
 * or the first seed's `metrics-seed-0.jsonl` when several seeds were trained.
 */
export function readTrainingLog(runDir: string): string | undefined {
  const dir = join(runDir, "stages", "signal");
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => /^metrics(-seed-\d+)?\.jsonl$/.test(f))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const first = files[0];
  return first ? readFileSync(join(dir, first), "utf8") : undefined;
}
