/**
 * Black–Scholes–Merton prices and greeks of European options on an asset
 * with a continuous dividend (or carry) yield q:
 *   d1 = (ln(S/K) + (r − q + σ²/2) T) / (σ √T),  d2 = d1 − σ √T
 *   call = S e^{−qT} N(d1) − K e^{−rT} N(d2)
 *   put  = K e^{−rT} N(−d2) − S e^{−qT} N(−d1)
 * Units: rates, yield and volatility are annual fractions, T in years.
 * Greeks: vega and rho per 1.00 change (divide by 100 for "per 1 %"),
 * theta per year (divide by 365 for per calendar day).
 */
import { statsMessages } from "../../messages/stats.js";
import { normalCdf, normalPdf } from "../../core/normal-distribution.js";

export type OptionType = "call" | "put";

export interface OptionInput {
  readonly type: OptionType;
  readonly spot: number;
  readonly strike: number;
  /** Continuously compounded risk-free rate. */
  readonly rate: number;
  /** Continuous dividend yield (for futures options: q = r). Default 0. */
  readonly dividendYield?: number;
  readonly volatility: number;
  /** Time to expiry in years. */
  readonly timeToExpiry: number;
}

export interface Greeks {
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  readonly rho: number;
}

function check(input: OptionInput): void {
  const rule = (field: string, value: number, ok: boolean, text: string) => {
    if (!ok) throw new RangeError(statsMessages.optionInput(field, value, text));
  };
  rule("spot", input.spot, input.spot > 0, "> 0");
  rule("strike", input.strike, input.strike > 0, "> 0");
  rule("volatility", input.volatility, input.volatility >= 0, ">= 0");
  rule("timeToExpiry", input.timeToExpiry, input.timeToExpiry >= 0, ">= 0 (years)");
  rule("rate", input.rate, Number.isFinite(input.rate), "a finite number");
}

/** d1 and d2 (±Infinity when σ√T = 0). */
export function d1d2(input: OptionInput): { d1: number; d2: number } {
  const { spot: S, strike: K, rate: r, volatility: v, timeToExpiry: T } = input;
  const q = input.dividendYield ?? 0;
  const sd = v * Math.sqrt(T);
  const forwardMoneyness = Math.log(S / K) + (r - q) * T;
  if (sd === 0) {
    const d = forwardMoneyness > 0 ? Infinity : forwardMoneyness < 0 ? -Infinity : 0;
    return { d1: d, d2: d };
  }
  const d1 = (forwardMoneyness + 0.5 * v * v * T) / sd;
  return { d1, d2: d1 - sd };
}

/** Option value; at T = 0 (or σ = 0) the discounted intrinsic value of the forward. */
export function bsmPrice(input: OptionInput): number {
  check(input);
  const { spot: S, strike: K, rate: r, timeToExpiry: T } = input;
  const q = input.dividendYield ?? 0;
  const { d1, d2 } = d1d2(input);
  const dfq = Math.exp(-q * T);
  const dfr = Math.exp(-r * T);
  return input.type === "call"
    ? S * dfq * normalCdf(d1) - K * dfr * normalCdf(d2)
    : K * dfr * normalCdf(-d2) - S * dfq * normalCdf(-d1);
}

/** Analytic greeks (see the module comment for units). */
export function bsmGreeks(input: OptionInput): Greeks {
  check(input);
  const { spot: S, strike: K, rate: r, volatility: v, timeToExpiry: T } = input;
  const q = input.dividendYield ?? 0;
  const { d1, d2 } = d1d2(input);
  const dfq = Math.exp(-q * T);
  const dfr = Math.exp(-r * T);
  const sqrtT = Math.sqrt(T);
  const pdf = Number.isFinite(d1) ? normalPdf(d1) : 0;
  const gamma = v * sqrtT > 0 ? (dfq * pdf) / (S * v * sqrtT) : 0;
  const vega = S * dfq * pdf * sqrtT;
  const decay = T > 0 && v > 0 ? -(S * dfq * pdf * v) / (2 * sqrtT) : 0;
  if (input.type === "call") {
    return {
      delta: dfq * normalCdf(d1),
      gamma,
      vega,
      theta: decay - r * K * dfr * normalCdf(d2) + q * S * dfq * normalCdf(d1),
      rho: K * T * dfr * normalCdf(d2),
    };
  }
  return {
    delta: -dfq * normalCdf(-d1),
    gamma,
    vega,
    theta: decay + r * K * dfr * normalCdf(-d2) - q * S * dfq * normalCdf(-d1),
    rho: -K * T * dfr * normalCdf(-d2),
  };
}

/** Payoff at expiry per unit of underlying: max(S − K, 0) or max(K − S, 0). */
export function intrinsicValue(type: OptionType, spot: number, strike: number): number {
  return type === "call" ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
}

/** No-arbitrage bounds of a European option price. */
export function priceBounds(input: Omit<OptionInput, "volatility">): {
  lower: number;
  upper: number;
} {
  const T = input.timeToExpiry;
  const fwdS = input.spot * Math.exp(-(input.dividendYield ?? 0) * T);
  const pvK = input.strike * Math.exp(-input.rate * T);
  return input.type === "call"
    ? { lower: Math.max(0, fwdS - pvK), upper: fwdS }
    : { lower: Math.max(0, pvK - fwdS), upper: pvK };
}
