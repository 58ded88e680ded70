/**
 * RL benchmarks: `npm run bench -- rl [--algo ppo,a2c,dqn,sac,td3,ddpg] [--seeds N]
 * [--first-seed K] [--quick] [--skip-solve] [--skip-speed] [--backend auto|wasm|cpu]`.
 *
 * Speed: PPO steps/s on CartPole-v1 with SB3's default PPO hyperparameters
 * (n_steps 2048, batch 64, 10 epochs, 64×64 tanh MLP), raw trading-env step
 * rate, one-observation inference latency, and the wasm vs cpu cost of one
 * PPO gradient step. Solve: each algorithm on CartPole-v1 (PPO, A2C, DQN:
 * mean ≥ 475 over 20 deterministic episodes within 100k steps) or
 * Pendulum-v1 (SAC, TD3, DDPG: mean ≥ −200 within 50k steps), per seed.
 * Readable lines first, then one JSON line.
 */
import type { Agent } from "../runtime/agents/algos/agent.js";
import { createAlgorithmRegistry } from "../runtime/agents/algos/registry.js";
import { initBackend } from "../runtime/agents/backend/init-backend.js";
import { tf } from "../runtime/agents/backend/tf.js";
import { createCartPole } from "../runtime/agents/envs/cartpole.js";
import type { Env } from "../runtime/agents/envs/env.js";
import { createPendulum } from "../runtime/agents/envs/pendulum.js";
import { createSingleAssetEnv } from "../runtime/agents/envs/single-asset.js";
import { proportionalCosts } from "../runtime/agents/envs/trading-costs.js";
import { runEpisodes } from "../runtime/agents/evaluation/episodes.js";
import { createSeedPlan, type SeedPlan } from "../runtime/core/seed-plan.js";
import type { FeaturePanel, OhlcvPanel } from "../runtime/contracts/panel.js";

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const quick = flag("quick");
const algos = option("algo", "ppo,a2c,dqn,sac,td3").split(",").filter(Boolean);
const seeds = Number(option("seeds", quick ? "1" : "3"));
const firstSeed = Number(option("first-seed", "1"));
const backendPreference = option("backend", "auto") as "auto" | "wasm" | "cpu";
const figures: Record<string, number | string | boolean> = {};

interface SolveTask {
  readonly env: (seed: number) => Env;
  readonly hyperparameters: Record<string, unknown>;
  readonly budget: number;
  readonly threshold: number;
  readonly evalEvery: number;
}

// rl-zoo tuned hyperparameters (CartPole-v1 / Pendulum-v1), networks as noted.
const tasks: Record<string, SolveTask> = {
  ppo: {
    env: createCartPole,
    hyperparameters: {
      n_envs: 8,
      n_steps: 32,
      batch_size: 256,
      gae_lambda: 0.8,
      gamma: 0.98,
      n_epochs: 20,
      ent_coef: 0.0,
      learning_rate: "lin_0.001",
      clip_range: "lin_0.2",
    },
    budget: 100_000,
    threshold: 475,
    evalEvery: 5_000,
  },
  a2c: {
    env: createCartPole,
    hyperparameters: {
      n_envs: 8,
      ent_coef: 0.0,
      learning_rate: "lin_0.0015",
      gamma: 0.99,
      gae_lambda: 1.0,
    },
    budget: 100_000,
    threshold: 475,
    evalEvery: 5_000,
  },
  dqn: {
    env: createCartPole,
    hyperparameters: {
      learning_rate: 2.3e-3,
      batch_size: 64,
      buffer_size: 100_000,
      learning_starts: 1000,
      gamma: 0.99,
      target_update_interval: 10,
      train_freq: 256,
      gradient_steps: 128,
      exploration_fraction: 0.16,
      exploration_final_eps: 0.04,
      net_arch: [256, 256],
      log_interval: 2048,
    },
    budget: 100_000,
    threshold: 475,
    evalEvery: 4_096,
  },
  sac: {
    env: createPendulum,
    hyperparameters: { learning_rate: 1e-3, net_arch: [64, 64], log_interval: 1000 },
    budget: 50_000,
    threshold: -200,
    evalEvery: 2_000,
  },
  td3: {
    env: createPendulum,
    hyperparameters: {
      learning_rate: 1e-3,
      net_arch: [64, 64],
      action_noise: 0.1,
      log_interval: 1000,
    },
    budget: 50_000,
    threshold: -200,
    evalEvery: 2_000,
  },
  ddpg: {
    env: createPendulum,
    hyperparameters: {
      learning_rate: 1e-3,
      net_arch: [64, 64],
      action_noise: 0.1,
      log_interval: 1000,
    },
    budget: 50_000,
    threshold: -200,
    evalEvery: 2_000,
  },
};

/** The agent of bench seed `seeds.seed`: env copy i is seeded `seeds.fork("env", i)`. */
function makeAgent(algo: string, task: SolveTask, seeds: SeedPlan): Agent {
  const probe = task.env(0);
  return createAlgorithmRegistry()
    .get(algo)
    .create({
      observationSize: probe.observationSpace.size,
      actionSpace: probe.actionSpace,
      hyperparameters: task.hyperparameters,
      seed: seeds.seed,
      makeEnv: (i) => task.env(seeds.fork("env", i).seed),
    });
}

/** Deterministic episodes in an env seeded `seeds.fork("env")`, episode k reset with `seeds.fork("episode", k)`. */
function evaluate(agent: Agent, task: SolveTask, seeds: SeedPlan, episodes = 20): number {
  const results = runEpisodes(agent, task.env(seeds.fork("env").seed), episodes, seeds, true);
  return results.reduce((s, r) => s + r.return, 0) / results.length;
}

async function solve(algo: string): Promise<void> {
  const task = tasks[algo];
  if (!task) throw new Error(`no solve task for ${algo}`);
  const budget = quick ? Math.min(task.budget, 20_000) : task.budget;
  let solvedSeeds = 0;
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const plan = createSeedPlan(seed);
    const agent = makeAgent(algo, task, plan);
    let nextEval = task.evalEvery;
    let solvedAt: number | null = null;
    let last = Number.NaN;
    const started = performance.now();
    await agent.learn(budget, {
      onIteration(r) {
        if (r.timesteps < nextEval) return undefined;
        nextEval += task.evalEvery;
        last = evaluate(agent, task, plan.fork("evaluation"));
        if (last >= task.threshold) {
          solvedAt = r.timesteps;
          return false;
        }
        return undefined;
      },
    });
    if (solvedAt === null) last = evaluate(agent, task, plan.fork("evaluation"));
    const seconds = (performance.now() - started) / 1000;
    if (solvedAt !== null) solvedSeeds++;
    console.log(
      `${algo} seed ${seed}: ${solvedAt !== null ? `solved at ${solvedAt} steps` : `not solved in ${agent.numTimesteps} steps`}, ` +
        `final mean reward ${last.toFixed(1)} over 20 deterministic episodes (${seconds.toFixed(0)} s)`,
    );
    figures[`${algo}Seed${seed}StepsToSolve`] = solvedAt ?? -1;
    figures[`${algo}Seed${seed}FinalMeanReward`] = Number(last.toFixed(2));
    agent.dispose();
  }
  figures[`${algo}SolvedSeeds`] = solvedSeeds;
  console.log(
    `${algo}: solved in ${solvedSeeds} of ${seeds} seeds (threshold ${task.threshold}, budget ${budget} steps)`,
  );
}

async function ppoSpeed(): Promise<void> {
  const iterations = quick ? 1 : 3;
  const agent = createAlgorithmRegistry()
    .get("ppo")
    .create({
      observationSize: 4,
      actionSpace: createCartPole().actionSpace,
      hyperparameters: {},
      seed: 1,
      makeEnv: (i) => createCartPole(i),
    });
  const started = performance.now();
  await agent.learn(2048 * iterations);
  const stepsPerSecond = agent.numTimesteps / ((performance.now() - started) / 1000);
  console.log(
    `PPO CartPole-v1 (n_steps 2048, batch 64, 10 epochs, 64×64): ${stepsPerSecond.toFixed(0)} env steps/s`,
  );
  figures.ppoCartPoleStepsPerSecond = Math.round(stepsPerSecond);

  const obs = Float64Array.of(0.01, -0.02, 0.03, 0.01);
  for (let i = 0; i < 2000; i++) agent.predict(obs);
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    obs[0] = i * 1e-6;
    agent.predict(obs);
  }
  const inferenceUs = ((performance.now() - t0) / n) * 1000;
  console.log(
    `policy inference, one observation (64×64 MLP, typed-array forward): ${inferenceUs.toFixed(2)} µs`,
  );
  figures.inferenceOneObservationMicroseconds = Number(inferenceUs.toFixed(3));

  // The same forward pass through tfjs ops, for comparison.
  const weights = agent.snapshot().weights.filter((w) => w.name.startsWith("pi/"));
  const vars = weights.map((w) => tf.tensor(w.values, w.shape));
  const tfForward = (): void => {
    const out = tf.tidy(() => {
      let h: tf.Tensor = tf.tensor2d(Float32Array.from(obs), [1, 4]);
      for (let l = 0; l < vars.length; l += 2) {
        h = tf.add(tf.matMul(h, vars[l]!), vars[l + 1]!);
        if (l + 2 < vars.length) h = tf.tanh(h);
      }
      return h;
    });
    out.dataSync();
    out.dispose();
  };
  for (let i = 0; i < 200; i++) tfForward();
  const m = 2000;
  const t1 = performance.now();
  for (let i = 0; i < m; i++) tfForward();
  const tfUs = ((performance.now() - t1) / m) * 1000;
  console.log(`same forward pass through tfjs ops on ${tf.getBackend()}: ${tfUs.toFixed(1)} µs`);
  figures.inferenceTfjsMicroseconds = Number(tfUs.toFixed(1));
  tf.dispose(vars);
  agent.dispose();
}

function syntheticMarket(bars: number): { panel: OhlcvPanel; features: FeaturePanel } {
  const close = new Float64Array(bars);
  let p = 100;
  for (let t = 0; t < bars; t++) {
    p *= 1 + 0.01 * Math.sin(t * 0.37) + 0.002 * Math.cos(t * 1.3);
    close[t] = p;
  }
  const timestamps = Float64Array.from({ length: bars }, (_, t) => t * 86_400_000);
  const ret = new Float64Array(bars);
  for (let t = 1; t < bars; t++) ret[t] = close[t]! / close[t - 1]! - 1;
  const panel: OhlcvPanel = {
    timestamps,
    symbols: ["X"],
    open: [close],
    high: [close],
    low: [close],
    close: [close],
    volume: [new Float64Array(bars)],
  };
  return {
    panel,
    features: { timestamps, symbols: ["X"], names: ["ret", "ret2"], values: [[ret], [ret]] },
  };
}

function envSpeed(): void {
  const { panel, features } = syntheticMarket(100_000);
  const env = createSingleAssetEnv({
    market: { panel, features, range: { start: 0, end: 100_000 } },
    symbol: 0,
    actions: "short_flat_long",
    window: 2,
    reward: { type: "log_return" },
    costs: proportionalCosts(0.001),
    initialCash: 1,
  });
  env.reset(0);
  const steps = quick ? 2_000_000 : 5_000_000;
  let done = false;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    const r = env.step(i % 3);
    done = r.truncated || r.terminated;
    if (done) env.reset();
  }
  const rate = steps / ((performance.now() - t0) / 1000);
  console.log(`raw single-asset trading env: ${(rate / 1e6).toFixed(2)} M steps/s (no policy)`);
  figures.tradingEnvStepsPerSecond = Math.round(rate);
}

async function gradientStepCost(): Promise<void> {
  for (const backend of ["wasm", "cpu"] as const) {
    await initBackend(backend);
    const agent = createAlgorithmRegistry()
      .get("ppo")
      .create({
        observationSize: 4,
        actionSpace: createCartPole().actionSpace,
        hyperparameters: { n_steps: 512, n_epochs: 2 },
        seed: 1,
        makeEnv: (i) => createCartPole(i),
      });
    const t0 = performance.now();
    await agent.learn(1024);
    const ms = performance.now() - t0;
    // 2 iterations × 2 epochs × 8 minibatches = 32 gradient steps (plus 1024 env steps).
    console.log(`${backend}: 1024 PPO steps with 32 gradient steps in ${ms.toFixed(0)} ms`);
    figures[`${backend}PpoSmallRunMs`] = Math.round(ms);
    agent.dispose();
  }
}

async function main(): Promise<void> {
  const info = await initBackend(backendPreference);
  console.log(
    `backend: ${info.name}${info.skipped.length ? ` (skipped ${info.skipped.map((s) => s.name).join(", ")})` : ""}`,
  );
  figures.backend = info.name;
  if (!flag("skip-speed")) {
    envSpeed();
    await ppoSpeed();
    if (!quick) {
      await gradientStepCost();
      await initBackend(backendPreference);
    }
  }
  if (!flag("skip-solve")) {
    for (const algo of algos) await solve(algo);
  }
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
