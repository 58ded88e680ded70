import type { Progress } from "../core/progress.js";
import type { SeedPlan } from "../core/seed-plan.js";
import type { SpecLocation } from "../core/spec-location.js";
import type { BarRange, Segments } from "../contracts/panel.js";
import { agentsMessages } from "../messages/agents.js";
import { inferAnnualization } from "../stats/annualization.js";
import { mean, std } from "../stats/moments.js";
import type { AgentSpec } from "../spec/types.generated.js";
import type { Agent } from "./algos/agent.js";
import type { AlgorithmEntry } from "./algos/registry.js";
import { isTradingEnv } from "./envs/env.js";
import { runEpisodes } from "./evaluation/episodes.js";
import { policyToWeights } from "./evaluation/policy-signal.js";
import { type BuildEnv, trainOneSeed } from "./train-segments.js";
import type { TrainingSummary } from "./training/trainer.js";

export interface EnsembleWindow {
  /** Bars traded with the chosen agent: [start, end). */
  readonly trade: BarRange;
  readonly train: BarRange;
  readonly validation: BarRange;
  /** Annualised validation Sharpe ratio of each algorithm. */
  readonly sharpe: Readonly<Record<string, number>>;
  readonly chosen: string;
}

export interface EnsembleResult {
  readonly windows: readonly EnsembleWindow[];
  readonly weights: Float64Array[];
  readonly training: readonly TrainingSummary[];
  /** The agent chosen for the last window (the one to serve), not disposed. */
  readonly latest: Agent;
  /** The seeds `latest` was trained with (its evaluation episodes fork from them). */
  readonly latestSeeds: SeedPlan;
}

/**
 * Annualised Sharpe ratio of the equity path of one deterministic episode
 * (per-bar returns × √barsPerYear, the data's annualization:
 * runtime/stats/annualization), in an env seeded `seeds.fork("env")` reset
 * with `seeds.fork("episode", 0)`.
 */
export function validationSharpe(
  agent: Agent,
  buildEnv: BuildEnv,
  range: BarRange,
  seeds: SeedPlan,
  barsPerYear: number,
): number {
  const env = buildEnv(range, seeds.fork("env").seed, null);
  const equity: number[] = [];
  const wrapped = {
    predict: (obs: Float64Array) => agent.predict(obs, true),
  };
  let { obs } = env.reset(seeds.fork("episode", 0).seed);
  for (;;) {
    const step = env.step(wrapped.predict(obs));
    if (step.info.equity !== undefined) equity.push(step.info.equity);
    obs = step.obs;
    if (step.terminated || step.truncated) break;
  }
  if (equity.length < 3) return runEpisodes(agent, env, 1, seeds)[0]?.return ?? 0;
  const returns = equity.slice(1).map((e, i) => e / equity[i]! - 1);
  const sd = std(returns);
  return sd > 0 ? (mean(returns) / sd) * Math.sqrt(barsPerYear) : 0;
}

export interface EnsembleOptions {
  readonly section: AgentSpec;
  /** The agent section's place in the spec, for the errors training raises. */
  readonly loc: SpecLocation;
  readonly algorithms: Readonly<Record<string, AlgorithmEntry>>;
  readonly buildEnv: BuildEnv;
  readonly segments: Segments;
  /** The panel's bar times: the validation Sharpe is annualized by their calendar. */
  readonly timestamps: ArrayLike<number>;
  readonly bars: number;
  readonly numSymbols: number;
  /** The ensemble's seeds: window w trains algorithm a from `seeds.fork("window", w, a)`. */
  readonly seeds: SeedPlan;
  readonly progress?: Progress;
  readonly metricsPath?: (window: number, algo: string) => string;
  readonly signal?: AbortSignal;
}

/**
 * FinRL's ensemble strategy: the test segment is cut into windows of
 * `window` bars; before each, every algorithm is trained on all bars from the
 * train start up to the validation window (expanding), scored by its Sharpe
 * ratio on the `validation_window` bars just before the traded window, and the
 * best one trades the window. Bars before the first window carry NaN (no decision).
 */
export async function runEnsemble(o: EnsembleOptions): Promise<EnsembleResult> {
  const ensemble = o.section.ensemble!;
  const window = ensemble.window;
  const validationWindow = ensemble.validation_window;
  const weights = Array.from({ length: o.numSymbols }, () =>
    new Float64Array(o.bars).fill(Number.NaN),
  );
  const { barsPerYear } = inferAnnualization(o.timestamps);
  const windows: EnsembleWindow[] = [];
  const training: TrainingSummary[] = [];
  let latest: { agent: Agent; seeds: SeedPlan } | null = null;
  const start = o.segments.test.start;
  for (let s = start, w = 0; s < o.segments.test.end; s += window, w++) {
    const trade = { start: s, end: Math.min(s + window, o.segments.test.end) };
    const validation = { start: s - validationWindow, end: s };
    const train = { start: o.segments.train.start, end: validation.start };
    const sharpe: Record<string, number> = {};
    let best: { algo: string; agent: Agent; seeds: SeedPlan; score: number } | null = null;
    for (const algo of ensemble.algorithms) {
      const seeds = o.seeds.fork("window", w, algo);
      const result = await trainOneSeed({
        section: o.section,
        // None given: the algorithm's defaults.
        hyperparameters: ensemble.hyperparameters?.[algo] ?? {},
        loc: o.loc,
        algorithm: o.algorithms[algo]!,
        buildEnv: o.buildEnv,
        segments: undefined,
        trainRange: train,
        validRange: validation,
        seeds,
        ...(o.progress ? { progress: o.progress } : {}),
        ...(o.metricsPath ? { metricsPath: o.metricsPath(w, algo) } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        label: agentsMessages.ensembleWindowLabel(w + 1, algo),
      });
      training.push(result.training);
      const score = validationSharpe(
        result.agent,
        o.buildEnv,
        validation,
        seeds.fork("sharpe"),
        barsPerYear,
      );
      sharpe[algo] = score;
      if (!best || score > best.score) {
        best?.agent.dispose();
        best = { algo, agent: result.agent, seeds, score };
      } else {
        result.agent.dispose();
      }
    }
    const chosen = best!;
    const policy = chosen.seeds.fork("policy");
    const env = o.buildEnv({ start: 0, end: o.bars }, policy.fork("env").seed, null);
    if (!isTradingEnv(env)) throw new Error(agentsMessages.ensembleNeedsTradingEnv());
    const all = policyToWeights(chosen.agent, env, o.numSymbols, o.bars, policy);
    for (let k = 0; k < o.numSymbols; k++)
      weights[k]!.set(all[k]!.subarray(trade.start, trade.end), trade.start);
    windows.push({ trade, train, validation, sharpe, chosen: chosen.algo });
    latest?.agent.dispose();
    latest = { agent: chosen.agent, seeds: chosen.seeds };
  }
  if (!latest) throw new Error(agentsMessages.ensembleNoWindow());
  return { windows, weights, training, latest: latest.agent, latestSeeds: latest.seeds };
}
