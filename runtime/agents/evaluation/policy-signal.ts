import type { SeedPlan } from "../../core/seed-plan.js";
import type { Agent } from "../algos/agent.js";
import type { TradingEnv } from "../envs/env.js";

/**
 * Runs the policy deterministically through a trading env spanning the whole
 * panel and records, for every bar t, the target weights it decides at t
 * (from data up to t). Bars before the env's first observable bar get 0.
 * Returns `weights[symbol][t]` over `numSymbols` panel symbols and `bars` bars.
 * The env is reset with the seed `seeds.fork("episode", 0)`.
 */
export function policyToWeights(
  agent: Pick<Agent, "predict">,
  env: TradingEnv,
  numSymbols: number,
  bars: number,
  seeds: SeedPlan,
): Float64Array[] {
  const weights = Array.from({ length: numSymbols }, () => new Float64Array(bars));
  const record = (bar: number, targets: Float64Array): void => {
    env.symbols.forEach((s, k) => {
      weights[s]![bar] = targets[k]!;
    });
  };
  let { obs } = env.reset(seeds.fork("episode", 0).seed);
  for (;;) {
    const bar = env.currentBar();
    const action = agent.predict(obs, true);
    record(bar, env.previewTargets(action));
    const step = env.step(action);
    obs = step.obs;
    if (step.terminated) break;
    if (step.truncated) {
      // The last observation is the final bar: decide on it too (the backtest may use it).
      const last = env.currentBar();
      if (last < bars) record(last, env.previewTargets(agent.predict(obs, true)));
      break;
    }
  }
  return weights;
}
