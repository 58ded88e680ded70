import type { TrainingCurve } from "../tear-sheet-input.js";

/** Fields of a training log line that are bookkeeping, not curves. */
const NOT_CURVES = new Set(["type", "timesteps", "episodes", "steps_per_second"]);

/**
 * Training curves from the agent's `metrics.jsonl` (one JSON object per
 * line: `{ type: "train", timesteps, episode_reward_mean, <losses>… }` and
 * `{ type: "eval", timesteps, score }`): one curve per numeric field, eval
 * scores as `eval_score`. Blank or unreadable lines are skipped.
 */
export function trainingCurvesFromJsonl(text: string): TrainingCurve[] {
  const curves = new Map<string, { steps: number[]; values: number[] }>();
  const add = (metric: string, step: number, value: number) => {
    let c = curves.get(metric);
    if (!c) {
      c = { steps: [], values: [] };
      curves.set(metric, c);
    }
    c.steps.push(step);
    c.values.push(value);
  };
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const step = record.timesteps;
    if (typeof step !== "number") continue;
    if (record.type === "eval") {
      if (typeof record.score === "number") add("eval_score", step, record.score);
      continue;
    }
    for (const [key, value] of Object.entries(record)) {
      if (NOT_CURVES.has(key) || typeof value !== "number") continue;
      add(key, step, value);
    }
  }
  const order = (m: string) => (m === "episode_reward_mean" ? 0 : m === "eval_score" ? 1 : 2);
  return [...curves]
    .sort(([a], [b]) => order(a) - order(b))
    .map(([metric, c]) => ({ metric, steps: c.steps, values: c.values }));
}
