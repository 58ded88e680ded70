import { describe, expect, it } from "vitest";
import {
  bsmGreeks,
  bsmPrice,
  impliedVolatility,
  type OptionInput,
} from "../../../runtime/backtest/derivatives/index.js";

/** |actual − published| within half a unit of the published last digit. */
function matchesPublished(actual: number, published: number, decimals: number): void {
  expect(Math.abs(actual - published)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
}

describe("Black–Scholes–Merton against Hull's published examples", () => {
  it("S=42, K=40, r=10%, σ=20%, T=0.5: call 4.76, put 0.81 (Hull, Options, Futures and Other Derivatives, Example 15.6)", () => {
    const base = { spot: 42, strike: 40, rate: 0.1, volatility: 0.2, timeToExpiry: 0.5 };
    matchesPublished(bsmPrice({ ...base, type: "call" }), 4.76, 2);
    matchesPublished(bsmPrice({ ...base, type: "put" }), 0.81, 2);
  });
  it("index option S=930, K=900, r=8%, q=3%, σ=20%, T=2 months: call 51.83 (Hull Example 17.1)", () => {
    const c = bsmPrice({
      type: "call",
      spot: 930,
      strike: 900,
      rate: 0.08,
      dividendYield: 0.03,
      volatility: 0.2,
      timeToExpiry: 2 / 12,
    });
    matchesPublished(c, 51.83, 2);
  });
  it("greeks of S=49, K=50, r=5%, σ=20%, T=20 weeks (Hull, The Greek Letters): Δ 0.522, Γ 0.066, vega 12.1, Θ −4.31, ρ 8.91", () => {
    const g = bsmGreeks({
      type: "call",
      spot: 49,
      strike: 50,
      rate: 0.05,
      volatility: 0.2,
      timeToExpiry: 20 / 52,
    });
    matchesPublished(g.delta, 0.522, 3);
    matchesPublished(g.gamma, 0.066, 3);
    matchesPublished(g.vega, 12.1, 1);
    matchesPublished(g.theta, -4.31, 2);
    matchesPublished(g.rho, 8.91, 2);
  });
  it("implied volatility of a call at 1.875 with S=21, K=20, r=10%, T=0.25 is 0.235 (Hull)", () => {
    const iv = impliedVolatility(
      { type: "call", spot: 21, strike: 20, rate: 0.1, timeToExpiry: 0.25 },
      1.875,
    );
    matchesPublished(iv.volatility, 0.235, 3);
  });
});

const grid: Omit<OptionInput, "type">[] = [];
for (const spot of [60, 95, 100, 130])
  for (const timeToExpiry of [0.05, 0.5, 2])
    for (const volatility of [0.1, 0.35])
      for (const dividendYield of [0, 0.04])
        grid.push({ spot, strike: 100, rate: 0.03, dividendYield, volatility, timeToExpiry });

describe("put–call parity with a dividend yield: c − p = S e^{−qT} − K e^{−rT}", () => {
  it.each(grid)("S=$spot T=$timeToExpiry σ=$volatility q=$dividendYield", (input) => {
    const c = bsmPrice({ ...input, type: "call" });
    const p = bsmPrice({ ...input, type: "put" });
    const q = input.dividendYield ?? 0;
    const rhs =
      input.spot * Math.exp(-q * input.timeToExpiry) -
      input.strike * Math.exp(-input.rate * input.timeToExpiry);
    expect(c - p).toBeCloseTo(rhs, 10);
  });
});

describe("analytic greeks = central finite differences of the price", () => {
  const cases = grid.flatMap((g) => (["call", "put"] as const).map((type) => ({ ...g, type })));
  it.each(cases)("$type S=$spot T=$timeToExpiry σ=$volatility q=$dividendYield", (input) => {
    const price = (o: Partial<OptionInput>) => bsmPrice({ ...input, ...o });
    const g = bsmGreeks(input);
    const hS = input.spot * 1e-4;
    const hv = 1e-5;
    const hT = 1e-6;
    const hr = 1e-6;
    const fdDelta =
      (price({ spot: input.spot + hS }) - price({ spot: input.spot - hS })) / (2 * hS);
    const fdGamma =
      (price({ spot: input.spot + hS }) - 2 * price({}) + price({ spot: input.spot - hS })) /
      (hS * hS);
    const fdVega =
      (price({ volatility: input.volatility + hv }) -
        price({ volatility: input.volatility - hv })) /
      (2 * hv);
    const fdTheta =
      -(
        price({ timeToExpiry: input.timeToExpiry + hT }) -
        price({ timeToExpiry: input.timeToExpiry - hT })
      ) /
      (2 * hT);
    const fdRho = (price({ rate: input.rate + hr }) - price({ rate: input.rate - hr })) / (2 * hr);
    const close = (a: number, b: number, tol: number) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
    close(g.delta, fdDelta, 1e-6);
    close(g.gamma, fdGamma, 1e-4);
    close(g.vega, fdVega, 1e-6);
    close(g.theta, fdTheta, 1e-5);
    close(g.rho, fdRho, 1e-6);
  });
});

describe("limits and input checks", () => {
  it("at expiry the price is the intrinsic value; with zero volatility the discounted forward intrinsic", () => {
    expect(
      bsmPrice({
        type: "call",
        spot: 110,
        strike: 100,
        rate: 0.05,
        volatility: 0.3,
        timeToExpiry: 0,
      }),
    ).toBe(10);
    expect(
      bsmPrice({
        type: "put",
        spot: 110,
        strike: 100,
        rate: 0.05,
        volatility: 0.3,
        timeToExpiry: 0,
      }),
    ).toBe(0);
    const c = bsmPrice({
      type: "call",
      spot: 100,
      strike: 100,
      rate: 0.05,
      volatility: 0,
      timeToExpiry: 1,
    });
    expect(c).toBeCloseTo(100 - 100 * Math.exp(-0.05), 12);
  });
  it("rejects non-positive spot/strike and negative volatility or time with a message", () => {
    expect(() =>
      bsmPrice({ type: "call", spot: 0, strike: 1, rate: 0, volatility: 0.2, timeToExpiry: 1 }),
    ).toThrow(/spot must be > 0/);
    expect(() =>
      bsmPrice({ type: "call", spot: 1, strike: 1, rate: 0, volatility: -1, timeToExpiry: 1 }),
    ).toThrow(/volatility/);
    expect(() =>
      bsmGreeks({ type: "put", spot: 1, strike: 1, rate: 0, volatility: 0.2, timeToExpiry: -1 }),
    ).toThrow(/timeToExpiry/);
  });
});

describe("implied volatility: Newton with a bisection safeguard", () => {
  const cases = grid.flatMap((g) => (["call", "put"] as const).map((type) => ({ ...g, type })));
  it.each(cases)("round trip $type S=$spot T=$timeToExpiry σ=$volatility", (input) => {
    const price = bsmPrice(input);
    const { volatility: _v, ...rest } = input;
    const lower = Math.max(
      0,
      input.type === "call"
        ? input.spot * Math.exp(-(input.dividendYield ?? 0) * input.timeToExpiry) -
            input.strike * Math.exp(-input.rate * input.timeToExpiry)
        : input.strike * Math.exp(-input.rate * input.timeToExpiry) -
            input.spot * Math.exp(-(input.dividendYield ?? 0) * input.timeToExpiry),
    );
    // Prices indistinguishable from the lower bound carry no volatility information.
    if (price - lower < 1e-9) return;
    const iv = impliedVolatility(rest, price, { tolerance: 1e-12 });
    expect(bsmPrice({ ...rest, volatility: iv.volatility })).toBeCloseTo(price, 10);
  });
  it("a bad starting guess (vega ≈ 0 far out of the money) falls back to bisection and still converges", () => {
    const input = { type: "call" as const, spot: 100, strike: 120, rate: 0.01, timeToExpiry: 0.1 };
    const price = bsmPrice({ ...input, volatility: 0.3 });
    const iv = impliedVolatility(input, price, { initialGuess: 0.01 });
    expect(iv.volatility).toBeCloseTo(0.3, 10);
    expect(iv.method).toBe("bisection");
  });
  it("prices outside the no-arbitrage bounds have no implied volatility", () => {
    const input = { type: "call" as const, spot: 100, strike: 90, rate: 0.05, timeToExpiry: 1 };
    expect(() => impliedVolatility(input, 5)).toThrow(/between/);
    expect(() => impliedVolatility(input, 101)).toThrow(/no implied volatility/);
  });
});
