/**
 * Regime risk metrics: per-regime return, volatility, Sharpe, maximum
 * drawdown, time in regime, the empirical transition matrix and expected
 * durations 1 / (1 - p_ii).
 */
export interface RegimeStateStats {
  readonly state: number;
  readonly name: string;
  readonly bars: number;
  /** Fraction of labelled bars spent in the regime. */
  readonly timeInRegime: number;
  /** Mean simple return per bar while in the regime. */
  readonly meanReturn: number;
  readonly annualizedReturn: number;
  readonly annualizedVolatility: number;
  /** Annualized mean / annualized volatility (risk-free 0). */
  readonly sharpe: number | null;
  /** Largest peak-to-trough fall of the returns compounded over the regime's bars only. */
  readonly maxDrawdown: number;
  /** Mean return of the bar after a bar in this regime (what a switch decided at t earns). */
  readonly nextBarMeanReturn: number | null;
  /** Number of separate visits and their mean length in bars. */
  readonly episodes: number;
  readonly meanEpisodeLength: number;
  /** 1 / (1 - p_ii) from the empirical transition matrix, in bars. */
  readonly expectedDuration: number | null;
}

export interface RegimeMetrics {
  readonly range: { start: number; end: number };
  readonly labelledBars: number;
  readonly states: readonly RegimeStateStats[];
  /** Empirical transition frequencies between consecutive labelled bars. */
  readonly transitionMatrix: number[][];
  readonly transitionCounts: number[][];
}

export function expectedDurations(
  transitionMatrix: readonly (readonly number[])[],
): (number | null)[] {
  return transitionMatrix.map((row, i) => {
    const p = row[i] ?? 0;
    return p < 1 ? 1 / (1 - p) : null;
  });
}

/**
 * Metrics over bars [start, end): label at t with the return at t. Bars with
 * label -1 or a NaN return are skipped.
 */
export function computeRegimeMetrics(
  labels: Int32Array,
  returns: Float64Array,
  nStates: number,
  periodsPerYear: number,
  options: { start?: number; end?: number; stateNames?: readonly string[] } = {},
): RegimeMetrics {
  const start = options.start ?? 0;
  const end = options.end ?? labels.length;
  const k = nStates;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const sum = new Float64Array(k);
  const sumSq = new Float64Array(k);
  const bars = new Float64Array(k);
  const nextSum = new Float64Array(k);
  const nextCount = new Float64Array(k);
  const equity = new Float64Array(k).fill(1);
  const peak = new Float64Array(k).fill(1);
  const maxDd = new Float64Array(k);
  const episodes = new Float64Array(k);
  let labelled = 0;
  let prev = -1;
  for (let t = start; t < end; t++) {
    const s = labels[t]!;
    if (s < 0 || s >= k) {
      prev = -1;
      continue;
    }
    labelled++;
    if (prev >= 0) counts[prev]![s]!++;
    if (s !== prev) episodes[s] = episodes[s]! + 1;
    prev = s;
    const r = returns[t]!;
    if (Number.isFinite(r)) {
      bars[s] = bars[s]! + 1;
      sum[s] = sum[s]! + r;
      sumSq[s] = sumSq[s]! + r * r;
      equity[s] = equity[s]! * (1 + r);
      if (equity[s]! > peak[s]!) peak[s] = equity[s]!;
      const dd = 1 - equity[s]! / peak[s]!;
      if (dd > maxDd[s]!) maxDd[s] = dd;
    }
    const next = t + 1 < end ? returns[t + 1]! : Number.NaN;
    if (Number.isFinite(next)) {
      nextSum[s] = nextSum[s]! + next;
      nextCount[s] = nextCount[s]! + 1;
    }
  }
  const transitionMatrix = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((c) => (total > 0 ? c / total : 0));
  });
  const durations = expectedDurations(transitionMatrix);
  const states = Array.from({ length: k }, (_, s): RegimeStateStats => {
    const n = bars[s]!;
    const mean = n > 0 ? sum[s]! / n : 0;
    const variance = n > 1 ? (sumSq[s]! - n * mean * mean) / (n - 1) : 0;
    const vol = Math.sqrt(Math.max(0, variance) * periodsPerYear);
    const annualMean = mean * periodsPerYear;
    const inState = counts[s]!.reduce((a, b) => a + b, 0);
    return {
      state: s,
      name: options.stateNames?.[s] ?? `regime_${s}`,
      bars: n,
      timeInRegime: labelled > 0 ? n / labelled : 0,
      meanReturn: mean,
      annualizedReturn: annualMean,
      annualizedVolatility: vol,
      sharpe: vol > 0 ? annualMean / vol : null,
      maxDrawdown: maxDd[s]!,
      nextBarMeanReturn: nextCount[s]! > 0 ? nextSum[s]! / nextCount[s]! : null,
      episodes: episodes[s]!,
      meanEpisodeLength: episodes[s]! > 0 ? n / episodes[s]! : 0,
      expectedDuration: inState > 0 ? durations[s]! : null,
    };
  });
  return {
    range: { start, end },
    labelledBars: labelled,
    states,
    transitionMatrix,
    transitionCounts: counts,
  };
}
