/** Messages of the agents domain: training, evaluation verdicts, spec problems. */
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : "n/a");

export const agentsMessages = {
  backendChosen: (name: string, skipped: string) =>
    `TensorFlow.js backend: ${name}${skipped ? ` (skipped: ${skipped})` : ""}`,
  unknownAlgorithm: (name: string, _known: readonly string[], suggestion: string | undefined) =>
    `unknown agent type "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
  algorithmHint: (known: readonly string[]) => `valid agent types: ${known.join(", ")}`,
  unknownEnv: (name: string, suggestion: string | undefined) =>
    `unknown env type "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
  envHint: (known: readonly string[]) => `valid env types: ${known.join(", ")}`,
  actionSpaceMismatch: (algo: string, space: string, _supported: readonly string[]) =>
    `${algo} cannot act in a ${space} action space`,
  actionSpaceHint: (algo: string, supported: readonly string[], suggestions: readonly string[]) =>
    `${algo} supports ${supported.join(" and ")} actions; for this env use one of: ${suggestions.join(", ")}`,
  badHyperparameter: (detail: string) => `invalid hyperparameter: ${detail}`,
  hyperparameterHint: () =>
    "names follow rl-zoo / Stable-Baselines3 (learning_rate, n_steps, batch_size, …); schedules as lin_<start>",
  badEnvConfig: (detail: string) => `invalid env configuration: ${detail}`,
  needsMarketData: (env: string) =>
    `env type "${env}" trades market data: the experiment needs \`data:\` and \`features:\``,
  noValidSegment: () =>
    "no `valid` segment: evaluation and early stopping use the training segment's score",
  timeBudgetHit: (seconds: number) =>
    `training stopped by time_budget_s after ${seconds.toFixed(1)} s: the weights depend on machine speed (not reproducible)`,
  beatsAll: (agent: string, sharpe: number, ret: number) =>
    `The ${agent} agent beat buy-and-hold and the rule-based baseline on the test segment (Sharpe ${num(sharpe)}, return ${pct(ret)}).`,
  doesNotBeat: (
    agent: string,
    which: readonly string[],
    agentSharpe: number,
    agentReturn: number,
    detail: string,
  ) =>
    `The ${agent} agent did NOT beat ${which.join(" or ")} on the test segment (agent Sharpe ${num(agentSharpe)}, return ${pct(agentReturn)}; ${detail}). Treat its signal with suspicion.`,
  baselineDetail: (name: string, sharpe: number, ret: number) =>
    `${name} Sharpe ${num(sharpe)}, return ${pct(ret)}`,
  checkpointCorrupt: (file: string, detail: string) =>
    `checkpoint file ${file} is damaged (${detail})`,
  checkpointHint: () =>
    "delete the checkpoint folder (or its newest step-* folder and checkpoint.json) to train from the start",
  resumeMismatch: (detail: string) =>
    `the checkpoint in checkpoint_dir does not fit this spec: ${detail}`,
  resumeMismatchHint: () =>
    "resume with the spec that wrote the checkpoint, or delete checkpoint_dir (or set resume: false) to train from the start",
  resumeSeedChanged: (saved: number, current: number) =>
    `the checkpoint's random stream has seed ${saved}, this run's has ${current}`,
  resumeSeedHint: () =>
    "resume with the seed that wrote the checkpoint, or delete checkpoint_dir (or set resume: false) to train from the start",
  resumeEnvCopies: (saved: number, current: number) =>
    `the checkpoint was taken with ${saved} env copies, this agent runs ${current}`,
  resumeEnvCopiesHint: (saved: number) =>
    `set n_envs: ${saved} to resume, or delete checkpoint_dir (or set resume: false) to train from the start`,
  resumeEnvDiverged: (algo: string, copy: number | null) =>
    `${algo}: the env${copy === null ? "" : ` copy ${copy}`} replayed from the checkpoint does not reach the saved observation`,
  resumeEpisodeEnded: (step: number, length: number) =>
    `replaying the checkpointed episode: the env ended it at step ${step} of ${length}`,
  resumeEnvHint: () =>
    "resuming replays the episode in progress, so the env must be a function of its reset seed and actions; set resume: false (or delete checkpoint_dir) to train from the start",
  resumeStateDamaged: (detail: string) => `the checkpoint's resume state is damaged: ${detail}`,
  ensembleChoice: (window: number, algo: string, sharpe: number) =>
    `window ${window}: trading ${algo} (validation Sharpe ${num(sharpe)})`,
  ensembleWindowLabel: (window: number, algo: string) => `ensemble window ${window}: ${algo}`,
  ensembleNeedsTradingEnv: () => "the ensemble needs a trading env",
  ensembleNoWindow: () => "the test segment is empty: no ensemble window to trade",
  trainNeedsControlEnv: (env: string) =>
    `env type "${env}" trades market data: \`drlwb train\` trains on control tasks (cartpole, pendulum) only`,
  trainInExperimentHint: (file: string) =>
    `train it in an experiment: extends: ./${file} (the experiment supplies data: and features:)`,
  trainNoEnsemble: () =>
    "an ensemble trades rolling market windows: `drlwb train` trains one algorithm on a control task",
  trainNoEnsembleHint: (file: string) => `run the ensemble in an experiment: extends: ./${file}`,
  trainNotAgentSpec: (file: string, kind: string) =>
    `${file} is a kind: ${kind} spec; \`drlwb train\` takes a kind: agent spec (run experiments with \`drlwb run\`)`,
  signalNeedsTradingEnv: (env: string) =>
    `env type "${env}" does not trade; a signal stage needs a trading env (single_asset, multi_stock, portfolio)`,
  tradingEnvHint: () => "use single_asset, multi_stock or portfolio",
  envCannotTrade: (env: string) => `env ${env} cannot produce target weights`,
  trainResult: (
    algo: string,
    env: string,
    mean: number,
    std: number,
    iqm: number,
    episodes: number,
    timesteps: number,
    stepsPerSecond: number,
  ) =>
    `${algo} on ${env}: mean reward ${num(mean)} ± ${num(std)} (IQM ${num(iqm)}) over ${episodes} deterministic episodes; ${timesteps} timesteps at ${stepsPerSecond.toFixed(0)} steps/s`,
} as const;
