import { mean } from "../../stats/moments.js";
import { rollingBeta } from "../../stats/rolling.js";
import { annualTurnover, exposures, turnover } from "./exposure.js";
import {
  priceShock,
  replayWindow,
  type StressWindow,
  volatilityShock,
  type VolatilityShockResult,
  worstWindows,
} from "./stress.js";
import { type VarReport, valueAtRisk } from "./value-at-risk.js";

/** Mean of the values; 0 when there are none. */
const meanOrZero = (a: Float64Array): number => (a.length > 0 ? mean(a) : 0);

export interface RiskReportInput {
  /** Strategy returns per bar (NaN where not invested yet). */
  readonly returns: Float64Array;
  /** Target or held weights [symbol][t]. */
  readonly weights?: readonly Float64Array[];
  /** Asset closes [symbol][t] (for historical replays of today's weights). */
  readonly closes?: readonly Float64Array[];
  readonly benchmarkReturns?: Float64Array;
  readonly timestamps?: Float64Array;
  readonly periodsPerYear: number;
  /** Tail probabilities (default 0.05 and 0.01). */
  readonly alphas?: readonly number[];
  readonly betaWindow?: number;
  /** Stress windows: length in bars and how many (default 20 bars, 3). */
  readonly stressWindow?: number;
  readonly stressCount?: number;
  /** Uniform price shocks to apply to the last weights (default −5%, −10%, −20%). */
  readonly priceShocks?: readonly number[];
  readonly volatilityFactors?: readonly number[];
}

export interface RiskReport {
  readonly valueAtRisk: readonly VarReport[];
  readonly beta: {
    readonly window: number;
    readonly last: number | null;
    readonly series: Float64Array;
  } | null;
  readonly exposure: {
    readonly meanGross: number;
    readonly maxGross: number;
    readonly meanNet: number;
    readonly last: { gross: number; net: number; long: number; short: number };
  } | null;
  readonly turnover: { readonly annual: number; readonly meanPerBar: number } | null;
  readonly stress: {
    readonly worstWindows: readonly (StressWindow & {
      from?: string;
      to?: string;
      replayOnLastWeights?: number;
    })[];
    readonly priceShocks: readonly { shock: number; portfolioReturn: number }[];
    readonly volatilityShocks: readonly VolatilityShockResult[];
  };
}

const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10);

/** VaR/CVaR (three methods), rolling beta, exposures, turnover and stress tests of a strategy. */
export function computeRiskReport(input: RiskReportInput): RiskReport {
  const alphas = input.alphas ?? [0.05, 0.01];
  const returns = input.returns;
  const weights = input.weights;
  const lastWeights = weights ? Float64Array.from(weights, (w) => w[w.length - 1] ?? 0) : null;
  let exposure: RiskReport["exposure"] = null;
  let turnoverFigure: RiskReport["turnover"] = null;
  if (weights && weights.length > 0) {
    const e = exposures(weights);
    const n = e.gross.length;
    exposure = {
      meanGross: meanOrZero(e.gross),
      maxGross: e.gross.reduce((a, b) => Math.max(a, b), 0),
      meanNet: meanOrZero(e.net),
      last: {
        gross: e.gross[n - 1] ?? 0,
        net: e.net[n - 1] ?? 0,
        long: e.long[n - 1] ?? 0,
        short: e.short[n - 1] ?? 0,
      },
    };
    const to = turnover(weights);
    turnoverFigure = {
      annual: annualTurnover(to, input.periodsPerYear),
      meanPerBar: meanOrZero(to),
    };
  }
  const betaWindow = input.betaWindow ?? 63;
  const beta = input.benchmarkReturns
    ? (() => {
        const series = rollingBeta(returns, input.benchmarkReturns, betaWindow);
        let last: number | null = null;
        for (let t = series.length - 1; t >= 0; t--) {
          if (Number.isFinite(series[t]!)) {
            last = series[t]!;
            break;
          }
        }
        return { window: betaWindow, last, series };
      })()
    : null;
  const windows = worstWindows(returns, input.stressWindow ?? 20, input.stressCount ?? 3).map(
    (w) => ({
      ...w,
      ...(input.timestamps
        ? { from: iso(input.timestamps[w.start]), to: iso(input.timestamps[w.end]) }
        : {}),
      ...(lastWeights && input.closes
        ? { replayOnLastWeights: replayWindow(lastWeights, input.closes, w) }
        : {}),
    }),
  );
  return {
    valueAtRisk: alphas.map((a) => valueAtRisk(returns, a)),
    beta,
    exposure,
    turnover: turnoverFigure,
    stress: {
      worstWindows: windows,
      priceShocks: lastWeights
        ? (input.priceShocks ?? [-0.05, -0.1, -0.2]).map((shock) => ({
            shock,
            portfolioReturn: priceShock(lastWeights, shock),
          }))
        : [],
      volatilityShocks: (input.volatilityFactors ?? [1.5, 2, 3]).map((f) =>
        volatilityShock(returns, f, alphas[0]!),
      ),
    },
  };
}
