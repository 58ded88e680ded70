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
    `switching refers to signal "${name}", which is not declared (known: ${known.join(", ") || "none"})`,
  switchingStrategyHint: (suggestion: string | undefined) =>
    suggestion
      ? `did you mean "${suggestion}"? \`strategy\` names an entry of the regime's \`signals\`, \`experiment\`, or a rule strategy type (run with its default parameters)`
      : "declare it under the regime's `signals` (name → strategy section), name `experiment` for the experiment's own signal, or use `weight` to scale it",
  symbolHint: (suggestion: string | undefined) =>
    suggestion
      ? `did you mean "${suggestion}"?`
      : "name a symbol of the data, or use `series: basket`",
  unknownShareWarning: (type: string, share: number, limit: number, bars: number) =>
    `regime ${type}: ${(100 * share).toFixed(1)} % of the ${bars} test bars are labelled "unknown" (more than max_unknown_share ${limit}); switching treats them as its \`unknown\` entry (flat when it has none) — check the detector's series, window and the data's gaps`,
  singleClassWarning: (type: string, name: string, bars: number) =>
    `regime ${type}: the classifier predicts one regime ("${name}") for all ${bars} labelled test bars; its regimes carry no information in the test segment — check the target detector's labels on the train segment`,
  seriesName: (symbols: readonly string[] | undefined, all: number) =>
    symbols === undefined
      ? `equal-weighted basket of ${all} symbol${all === 1 ? "" : "s"}`
      : symbols.length === 1
        ? symbols[0]!
        : `equal-weighted basket (${symbols.join(", ")})`,
  signalsEntryUnused: (name: string) =>
    `signal "${name}" is declared but no switching entry follows it`,
  switchingSummary: (bars: readonly string[]) => `regime switching: ${bars.join(", ")}`,
  fittedModelBroken: (type: string, key: string) =>
    `the fitted ${type} regime model has no valid \`${key}\`; re-register the model by running its spec again`,
  candidatesTooLarge: (n: number) => `more candidate states than the ${n} train observations`,
  labelsTooFew: (label: string) =>
    `the train segment has too few bars of a single label to fit the classifier (${label})`,
  regimeSummary: (type: string, states: number, current: number) =>
    `${type}: ${states} regimes, current regime ${current}`,
} as const;
