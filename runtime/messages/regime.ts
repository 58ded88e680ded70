/** Messages of the regime detectors, switching and the regime stage. */
export const regimeMessages = {
  tooFewObservations: (n: number, states: number) =>
    `the train segment has ${n} usable observations, too few for ${states} states`,
  tooFewObservationsHint: (states: number) =>
    `need at least ${states * 2} observations; lower \`states\` or widen the train segment`,
  nonFiniteObservation: (bar: number, time: string) =>
    `the observation at bar ${bar} (${time}) is NaN or infinite`,
  nonFiniteHint: () => "clean the data (data.quality) or start the train segment later",
  zeroVariance: (feature: string) => `the observations of "${feature}" have zero variance`,
  zeroVarianceHint: () => "a constant series has no regimes; pick another symbol or feature",
  unknownSymbol: (symbol: string, known: readonly string[]) =>
    `symbol "${symbol}" is not in the data (symbols: ${known.join(", ")})`,
  unknownDetector: (type: string, suggestion: string | undefined) =>
    `unknown regime type "${type}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
  validTypes: (known: readonly string[]) => `valid types: ${known.join(", ")}`,
  thresholdsNotIncreasing: () => "thresholds must be strictly increasing",
  quantilesOutOfRange: () => "quantiles must be strictly between 0 and 1 and increasing",
  windowTooLong: (window: number, bars: number) =>
    `window ${window} is longer than the train segment (${bars} bars)`,
  switchingUnknownState: (state: string, nStates: number) =>
    `switching refers to regime ${state}, but the detector has ${nStates} states (0..${nStates - 1})`,
  switchingUnknownStrategy: (name: string, known: readonly string[]) =>
    `switching refers to strategy "${name}", which is not among the signals (${known.join(", ") || "none"})`,
  switchingStrategyHint: (suggestion: string | undefined) =>
    suggestion
      ? `did you mean "${suggestion}"? \`strategy\` names a rule strategy, run with its default parameters`
      : "`strategy` names a rule strategy, run with its default parameters; `weight` scales the experiment's own signal",
  candidatesTooLarge: (n: number) => `more candidate states than the ${n} train observations`,
  labelsTooFew: (label: string) =>
    `the train segment has too few bars of a single label to fit the classifier (${label})`,
  regimeSummary: (type: string, states: number, current: number) =>
    `${type}: ${states} regimes, current regime ${current}`,
} as const;
