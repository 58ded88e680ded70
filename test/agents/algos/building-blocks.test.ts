import { describe, expect, it } from "vitest";
import { RolloutBuffer } from "../../../runtime/agents/algos/rollout-buffer.js";
import { linearDecay, parseSchedule } from "../../../runtime/agents/algos/schedules.js";
import { interquartileMean, summarize } from "../../../runtime/agents/evaluation/summary-stats.js";
import { orthogonal } from "../../../runtime/agents/nn/initializers.js";
import { createRng } from "../../../runtime/core/rng.js";

describe("GAE", () => {
  it("equals the direct sum Σ (γλ)^k δ_{t+k} within episodes, with bootstrapping at the end", () => {
    const rng = createRng(9);
    const nSteps = 12;
    const buf = new RolloutBuffer(nSteps, 1, 1, 1);
    for (let t = 0; t < nSteps; t++) {
      buf.rewards[t] = rng.normal();
      buf.values[t] = rng.normal();
      buf.episodeStarts[t] = t === 0 || t === 5 ? 1 : 0;
    }
    const gamma = 0.9;
    const lambda = 0.8;
    const lastValue = 0.7;
    buf.computeReturnsAndAdvantage(Float64Array.of(lastValue), Uint8Array.of(0), gamma, lambda);
    for (let t = 0; t < nSteps; t++) {
      let total = 0;
      for (let k = t; k < nSteps; k++) {
        const endsHere = k + 1 < nSteps && buf.episodeStarts[k + 1] === 1;
        const next = k + 1 < nSteps ? buf.values[k + 1]! : lastValue;
        const delta = buf.rewards[k]! + (endsHere ? 0 : gamma * next) - buf.values[k]!;
        total += (gamma * lambda) ** (k - t) * delta;
        if (endsHere) break;
      }
      expect(buf.advantages[t]).toBeCloseTo(total, 12);
      expect(buf.returns[t]).toBeCloseTo(total + buf.values[t]!, 12);
    }
  });
});

describe("schedules", () => {
  it("parse rl-zoo linear schedules and constants", () => {
    const lin = parseSchedule("lin_3e-4");
    expect(lin(1)).toBeCloseTo(3e-4, 15);
    expect(lin(0.5)).toBeCloseTo(1.5e-4, 15);
    expect(lin(0)).toBe(0);
    expect(parseSchedule(0.2)(0.1)).toBe(0.2);
    expect(parseSchedule("0.001")(0.3)).toBe(0.001);
    expect(() => parseSchedule("cosine_1")).toThrow(/lin_<start>/);
    const eps = linearDecay(1, 0.05, 0.1);
    expect(eps(1)).toBe(1);
    expect(eps(0.95)).toBeCloseTo(0.525, 12);
    expect(eps(0.5)).toBe(0.05);
  });
});

describe("evaluation statistics", () => {
  it("interquartile mean matches scipy.stats.trim_mean(x, 0.25) and rliable's IQM", () => {
    // trim_mean([1..8], 0.25) = mean(3,4,5,6) = 4.5
    expect(interquartileMean([8, 1, 7, 2, 6, 3, 5, 4])).toBe(4.5);
    // n = 5: middle 2.5 values: 0.75·2 + 3 + 0.75·4 over 2.5
    expect(interquartileMean([1, 2, 3, 4, 100])).toBeCloseTo((0.75 * 2 + 3 + 0.75 * 4) / 2.5, 12);
    const s = summarize([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });
});

describe("orthogonal initialiser", () => {
  it("produces orthonormal columns (tall) or rows (wide) scaled by the gain", () => {
    for (const [rows, cols] of [
      [6, 3],
      [3, 6],
    ] as const) {
      const w = orthogonal(rows, cols, 2, createRng(4));
      const k = Math.min(rows, cols);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          let dot = 0;
          for (let i = 0; i < Math.max(rows, cols); i++) {
            dot +=
              rows >= cols
                ? w[i * cols + a]! * w[i * cols + b]!
                : w[a * cols + i]! * w[b * cols + i]!;
          }
          expect(dot).toBeCloseTo(a === b ? 4 : 0, 5);
        }
      }
    }
  });
});
