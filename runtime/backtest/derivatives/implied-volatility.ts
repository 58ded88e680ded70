import { statsMessages } from "../../messages/stats.js";
import { bsmGreeks, bsmPrice, type OptionInput, priceBounds } from "./black-scholes.js";

export interface ImpliedVolatilityOptions {
  /** Relative price tolerance: stop when |model − price| <= tolerance · price. Default 1e-12. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  /** Starting guess (annual volatility). Default: Brenner–Subrahmanyam √(2π/T) · price / S, clamped to [0.05, 2]. */
  readonly initialGuess?: number;
}

export interface ImpliedVolatilityResult {
  readonly volatility: number;
  readonly iterations: number;
  /** "newton" when Newton converged, "bisection" when it needed the safeguarded fallback. */
  readonly method: "newton" | "bisection";
}

/**
 * The volatility σ with bsmPrice(σ) = price: Newton–Raphson on vega, kept
 * inside a bracket [lo, hi] that always contains the root; a Newton step that
 * leaves the bracket or a vanishing vega falls back to bisection. Throws
 * when the price is outside the no-arbitrage bounds.
 */
export function impliedVolatility(
  input: Omit<OptionInput, "volatility">,
  price: number,
  options: ImpliedVolatilityOptions = {},
): ImpliedVolatilityResult {
  const tol = (options.tolerance ?? 1e-12) * price;
  const maxIterations = options.maxIterations ?? 200;
  const { lower, upper } = priceBounds(input);
  if (!(price > lower && price < upper) || input.timeToExpiry <= 0) {
    throw new RangeError(statsMessages.impliedVolNoSolution(price, lower, upper));
  }
  const at = (volatility: number) => ({ ...input, volatility });
  let lo = 0;
  let hi = 1;
  while (bsmPrice(at(hi)) < price) {
    hi *= 2;
    if (hi > 1e4) throw new RangeError(statsMessages.impliedVolNoSolution(price, lower, upper));
  }
  const guess =
    options.initialGuess ??
    Math.min(
      2,
      Math.max(0.05, (Math.sqrt((2 * Math.PI) / input.timeToExpiry) * price) / input.spot),
    );
  let sigma = Math.min(Math.max(guess, lo), hi);
  let usedBisection = false;
  for (let i = 1; i <= maxIterations; i++) {
    const diff = bsmPrice(at(sigma)) - price;
    if (Math.abs(diff) < tol)
      return { volatility: sigma, iterations: i, method: usedBisection ? "bisection" : "newton" };
    if (diff > 0) hi = sigma;
    else lo = sigma;
    const vega = bsmGreeks(at(sigma)).vega;
    const next = sigma - diff / vega;
    const previous = sigma;
    if (vega > 0 && next > lo && next < hi) {
      sigma = next;
    } else {
      usedBisection = true;
      sigma = 0.5 * (lo + hi);
    }
    // Converged in σ when the step or the bracket is below double precision.
    if (Math.abs(sigma - previous) <= 1e-15 * sigma || hi - lo <= 1e-15 * hi) {
      return { volatility: sigma, iterations: i, method: usedBisection ? "bisection" : "newton" };
    }
  }
  return {
    volatility: sigma,
    iterations: maxIterations,
    method: usedBisection ? "bisection" : "newton",
  };
}
