/** Messages of model serving: signatures, predictions from bars, artifacts the server cannot serve. */

export const servingMessages = {
  /** An artifact registered before signatures existed (or copied by hand without one). */
  noSignature: (name: string, version: number) =>
    `${name} version ${version} has no model signature (it was registered before signatures existed), so the server cannot tell what it decides from; re-register it: run its spec again (drlwb run <spec>; the register stage writes signature.json), then move the alias to the new version`,
  signatureBroken: (name: string, version: number, problem: string) =>
    `the signature of ${name} version ${version} cannot be used (${problem}); re-register the model by running its spec again`,
  noPredictorFor: (name: string, version: number) =>
    `${name} version ${version} holds neither a trained model (model/) nor a rule strategy (strategy.json); re-register it by running its spec again`,
  barsNotSupported: (what: string) =>
    `this model cannot be served from bars (${what}); send observations instead`,
  observationsNotSupported: () =>
    "this model is a rule strategy: it decides from bars, not observations; send `bars` (GET /models/{name}/versions/{v} shows how many)",
  ensembleFromBars: () => "an ensemble switches agents between windows",
  multiStockFromBars: () =>
    "the multi_stock env's observation holds its own share book and a turbulence index over the whole history",
  regimeDetectorNotServable: (type: string) =>
    `a model that switches on the ${type} regime detector cannot be served: the server cannot label bars with it exactly as the run did`,
  regimeDetectorHint: (servable: readonly string[]) =>
    `switch on a detector the server labels with the run's own code (${servable.join(", ")}), or leave out \`register:\``,
  regimeEnvNotServable: (why: string) =>
    `a model with \`regime.switching\` is decided from bars (the regime at each bar is labelled from them), but this agent cannot be served from bars: ${why}`,
  regimeEnvHint: () =>
    "use a single_asset or portfolio env without an ensemble, leave out `regime.switching`, or leave out `register:`",
  regimeFileBroken: (problem: string) =>
    `the model's regime.json cannot be used (${problem}); re-register the model by running its spec again`,
  regimeNeedsBars: () =>
    "this model switches its targets by the market regime, which is labelled from bars: send `bars` (GET /models/{name}/versions/{v} shows how many), not observations",
  regimeLabelsDiffer: (bar: number) =>
    `internal error: labelling the run's bars as the server would gives another regime at bar ${bar} than the run's regime stage; the model is not registered`,

  // Bad bars (each names the field and what is needed).
  barsTooMany: (bars: number, limit: number) =>
    `/bars/time has ${bars} bars; at most ${limit} are accepted (serving.max_bars)`,
  barsTooManyValues: (values: number, limit: number) =>
    `/bars holds ${values} numbers; at most ${limit} are accepted (serving.max_bar_values)`,
  barsTooFew: (bars: number, minimum: number) =>
    `/bars/time has ${bars} bars; this model needs at least ${minimum} (feature warm-up, observation window and risk history: see bars.minimum in its signature)`,
  barsNotFromStart: (firstTime: string) =>
    `/bars/time/0 must be the first bar of the run's data (${firstTime}): this model's decision depends on every bar since then (bars.fromStart in its signature)`,
  barsUnsorted: (index: number) =>
    `/bars/time/${index} is not after the bar before it; bars must be sorted oldest first with unique times`,
  barsNotFinite: (pointer: string) => `${pointer} must be a finite number`,
  barsLength: (pointer: string, bars: number, has: number) =>
    `${pointer} must have one value per bar (${bars}); it has ${has}`,
  barsMissingColumn: (pointer: string, column: string) =>
    `${pointer} needs the column \`${column}\` (this model reads it; see bars.columns in its signature)`,
  barsMissingSymbol: (symbol: string, symbols: readonly string[]) =>
    `/bars/symbols has no entry for ${JSON.stringify(symbol)}; this model needs every one of ${symbols.map((s) => JSON.stringify(s)).join(", ")}`,
  barsUnknownSymbol: (pointer: string, symbol: string, symbols: readonly string[]) =>
    `${pointer} is ${JSON.stringify(symbol.slice(0, 64))}, not a symbol of this model (${symbols.map((s) => JSON.stringify(s)).join(", ")})`,
  barsDuplicateSymbol: (pointer: string) => `${pointer} repeats a symbol`,
  barBeforeHistory: (bar: number, bars: number) =>
    `/portfolio/bar is ${bar}, but ${bars} bars were sent ending at it; the bars would start before bar 0`,
  partialFeatureWindow: (feature: string, symbol: string) =>
    `/bars: the feature ${feature} of ${JSON.stringify(symbol)} is not yet defined over the observation window at the last bar; send more bars (bars.minimum in the signature)`,
  riskHistoryMissing: (bar: number, first: number) =>
    `/bars: the risk overlay reads the close of bar ${bar}, but the bars start at bar ${first}; send bars from bar ${bar} on, or pass back the riskState of the previous call (a first call with vol_target's EWMA needs every bar since bar 0)`,
  envStateMismatch: (pointer: string) =>
    `${pointer} does not match this model's env; pass back the envState of the previous response unchanged (or leave it out to start flat)`,
  envStateBar: (bar: number, expected: number) =>
    `/envState/bar is ${bar}; this call decides at bar ${expected}, so the state must come from the call for bar ${expected - 1} (pass back the envState of the previous bar's response)`,
  observationSize: (pointer: string, size: number, has: number, name: string, version: number) =>
    `${pointer} must have ${size} numbers (has ${has}); GET /models/${name}/versions/${version} shows the observation's layout (signature.observation)`,
  observationNotFinite: (pointer: string) => `${pointer} must hold finite numbers only`,
  weightsLength: (has: number, symbols: number) =>
    `/portfolio/weights has ${has} weights; this model trades ${symbols} symbol(s) (in the signature's order)`,
  // The signature's descriptions (what a decision reads, what the outputs are).
  controlEnvFromBars: (env: string) => `the ${env} env is a control task, not a market`,
  dependsOnFeature: (name: string, bars: number) => `${name}: the last ${bars} bar(s)`,
  dependsOnInfinite: (name: string) =>
    `${name}: every bar since the run's first (infinite memory: exponential or Wilder smoothing, cumulative sums)`,
  dependsOnWindow: (window: number) =>
    `the observation: each feature at bars t, t−1, …, t−${window - 1} (window ${window})`,
  dependsOnEnvState: (env: string) =>
    `the ${env} env's own position and equity, which follow from its previous decisions (envState, passed back between calls; flat at bars.firstBar)`,
  dependsOnEwmaRisk: (rule: string) =>
    `${rule}: an estimate over every bar since bar 0 — the first call needs every bar since bar 0, later calls the previous close with the riskState passed back`,
  dependsOnRiskBars: (rule: string, bars: number) =>
    `${rule}: the last ${bars} closes and the caller's portfolio (with the riskState passed back)`,
  dependsOnPortfolio: (rule: string) =>
    `${rule}: the caller's portfolio (equity, peak, weights) and the riskState passed back`,
  dependsOnStrategy: (type: string, warmup: number) =>
    `${type}: every bar since the run's first (the rule keeps its position between bars; ${warmup} bar(s) of warm-up)`,
  layoutFeatures: (symbols: readonly string[], names: readonly string[], window: number) =>
    `for each symbol (${symbols.join(", ")}), for each feature (${names.join(", ")}): its values at t, t−1, …, t−${window - 1}`,
  layoutPosition: () =>
    "the env's current position (fraction of equity, drifted with the price since its last decision)",
  layoutWeights: (symbols: readonly string[]) =>
    `the env's current weights of ${symbols.join(", ")} and cash (drifted since its last decision)`,
  actionScheme: (scheme: string, symbol: string) =>
    `a discrete action → the target position of ${symbol} by the ${scheme} scheme`,
  actionSoftmax: (size: number) =>
    `${size} numbers → softmax → long-only weights of the symbols and cash (last)`,
  actionRaw: (env: string) => `the ${env} env's action`,
  actionRule: (type: string) => `the ${type} rule's target weights, computed from the bars`,
  dependsOnRegime: (type: string, series: string) =>
    `the ${type} regime of ${series}: labelled at every bar since the run's first with the detector the run fitted (its labels depend on the whole history)`,
  dependsOnNamedSignal: (name: string, type: string) =>
    `the signal ${JSON.stringify(name)} (${type}) that a regime follows: every bar since the run's first`,
  regimeSeries: (symbols: readonly string[]) =>
    symbols.length === 1 ? symbols[0]! : `the equal-weighted basket of ${symbols.join(", ")}`,
  switchFlat: () => "flat (no position)",
  switchWeight: (weight: number) => `the experiment's signal × ${weight}`,
  switchStrategy: (name: string, weight: number) =>
    `the signal ${JSON.stringify(name)}${weight === 1 ? "" : ` × ${weight}`}`,
  switchFixed: (weights: string, weight: number) =>
    `fixed weights ${weights}${weight === 1 ? "" : ` × ${weight}`}`,
  switchUnlisted: () => "flat (no entry)",
  outputsDescription: () =>
    "target weights per symbol after the risk overlay (position value / equity, signed), decided at the last bar; cash = 1 − their sum",
} as const;
