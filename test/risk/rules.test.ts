import { describe, expect, it } from "vitest";
import type { PortfolioState } from "../../runtime/contracts/portfolio.js";
import { compileRiskSection as compileResolved } from "../../runtime/risk/compile.js";
import type { RuleEnvironment } from "../../runtime/risk/rule.js";
import { resolved } from "../support/spec-values.js";
import { createRiskManager } from "../../runtime/risk/manager.js";
import { createRiskRuleRegistry } from "../../runtime/risk/registry.js";
import { panelFromCloses, referenceLoop } from "./support/reference-loop.js";

const symbols = ["A", "B", "C", "D"];
const env = { symbols, periodsPerYear: 252 };

function portfolio(overrides: Partial<PortfolioState> = {}): PortfolioState {
  return {
    bar: 10,
    time: 0,
    equity: 1,
    peakEquity: 1,
    cash: 1,
    weights: new Float64Array(symbols.length),
    closes: symbols.map(() => new Float64Array(11).fill(100)),
    ...overrides,
  };
}

/** The manager of a risk section as a loaded spec holds it (defaults filled). */
function compileRiskSection(section: { rules: Record<string, unknown>[] }, e: RuleEnvironment) {
  return compileResolved(resolved("risk", section), e);
}

function applyOnce(rule: Record<string, unknown>, w: number[], p = portfolio()) {
  const manager = compileRiskSection({ rules: [rule] }, env);
  return manager.apply(Float64Array.from(w), p);
}

describe("position_limits", () => {
  it("caps each asset, then gross exposure, then net exposure", () => {
    const out = applyOnce({ type: "position_limits", max_position: 0.4 }, [0.6, -0.5, 0.1, 0]);
    expect(Array.from(out.targets)).toEqual([0.4, -0.4, 0.1, 0]);
    expect(out.events).toHaveLength(1);
    expect(out.events[0]!.before).toEqual([0.6, -0.5, 0.1, 0]);
    const g = applyOnce({ type: "position_limits", max_gross: 1 }, [0.8, -0.6, 0.4, 0.2]);
    // gross 2.0 → every weight halves
    for (const [i, v] of [0.4, -0.3, 0.2, 0.1].entries()) expect(g.targets[i]).toBeCloseTo(v, 15);
    const n = applyOnce({ type: "position_limits", max_net: 0.5 }, [0.6, 0.4, -0.2, 0]);
    // net 0.8 > 0.5: longs scaled by (0.5 + 0.2) / 1.0 = 0.7
    expect(n.targets[0]).toBeCloseTo(0.42, 12);
    expect(n.targets[1]).toBeCloseTo(0.28, 12);
    expect(n.targets[2]).toBeCloseTo(-0.2, 12);
    expect(n.targets.reduce((a, b) => a + b, 0)).toBeCloseTo(0.5, 12);
    const s = applyOnce({ type: "position_limits", min_net: -0.1 }, [0.1, -0.5, 0, 0]);
    expect(s.targets.reduce((a, b) => a + b, 0)).toBeCloseTo(-0.1, 12);
    const ls = applyOnce(
      { type: "position_limits", allow_short: false, max_leverage: 1.5 },
      [1, -1, 1, 0],
    );
    expect(Array.from(ls.targets)).toEqual([0.75, 0, 0.75, 0]);
  });

  it("does not intervene (no event) inside the limits", () => {
    const out = applyOnce(
      { type: "position_limits", max_position: 0.5, max_gross: 2 },
      [0.3, 0.3, -0.2, 0],
    );
    expect(Array.from(out.targets)).toEqual([0.3, 0.3, -0.2, 0]);
    expect(out.events).toEqual([]);
  });
});

describe("concentration", () => {
  it("caps single names and scales groups to their cap", () => {
    const out = applyOnce(
      {
        type: "concentration",
        max_weight: 0.35,
        groups: { tech: { symbols: ["A", "B"], max: 0.5 } },
      },
      [0.4, 0.3, 0.2, 0.1],
    );
    // A capped to 0.35; tech = 0.65 → scaled by 0.5/0.65
    expect(out.targets[0]).toBeCloseTo((0.35 * 0.5) / 0.65, 12);
    expect(out.targets[1]).toBeCloseTo((0.3 * 0.5) / 0.65, 12);
    expect(out.targets[2]).toBe(0.2);
    expect(Math.abs(out.targets[0]!) + Math.abs(out.targets[1]!)).toBeCloseTo(0.5, 12);
  });
});

describe("drawdown_control", () => {
  // Up 10%, then a fall of 36% from the peak, flat, then recovering.
  const path = [100, 100, 110, 104, 98, 90, 80, 70, 70, 70, 70, 70, 75, 80, 90, 100, 105, 110, 115];
  const panel = panelFromCloses(path);

  it("scales down, flattens at the deeper level, and re-enters after `after_bars`", () => {
    const manager = compileRiskSection(
      {
        rules: [
          {
            type: "drawdown_control",
            levels: [
              { drawdown: 0.1, scale: 0.5 },
              { drawdown: 0.2, scale: 0 },
            ],
            reentry: { after_bars: 4 },
          },
        ],
      },
      { symbols: ["A"], periodsPerYear: 252 },
    );
    const res = referenceLoop(panel, () => Float64Array.of(1), manager);
    // targets[t-1] is decided at bar t.
    const w = res.targets.map((v) => v[0]);
    const eq = res.equity;
    // Bar 4: equity 0.98 vs peak 1.1 → drawdown 10.9% ≥ 10% → half exposure.
    expect(eq[4]).toBeCloseTo(0.98, 12);
    expect(w.slice(0, 3)).toEqual([1, 1, 1]);
    expect(w.slice(3, 6)).toEqual([0.5, 0.5, 0.5]);
    // Half exposure from bar 4: equity at bar 7 = 0.98 · Π(1 + ½ r).
    const half =
      0.98 * (1 + 0.5 * (90 / 98 - 1)) * (1 + 0.5 * (80 / 90 - 1)) * (1 + 0.5 * (70 / 80 - 1));
    expect(eq[7]).toBeCloseTo(half, 12);
    expect(1 - half / 1.1).toBeGreaterThan(0.2);
    expect(w.slice(6, 10)).toEqual([0, 0, 0, 0]);
    // Flattened at bar 7; re-entry 4 bars later (bar 11) with the high-water mark reset.
    expect(w[10]).toBe(1);
    expect(w.slice(10).every((v) => v === 1)).toBe(true);
    const reentry = res.events.find((e) => e.message.includes("re-entry"));
    expect(reentry?.bar).toBe(11);
    expect(res.events[0]).toMatchObject({
      bar: 4,
      rule: "drawdown_control",
      before: [1],
      after: [0.5],
    });
  });

  it("re-enters when the unscaled signal's shadow equity recovers", () => {
    const manager = compileRiskSection(
      {
        rules: [
          {
            type: "drawdown_control",
            levels: [{ drawdown: 0.1, scale: 0 }],
            reentry: { shadow_drawdown: 0.05 },
          },
        ],
      },
      { symbols: ["A"], periodsPerYear: 252 },
    );
    const res = referenceLoop(panel, () => Float64Array.of(1), manager);
    const w = res.targets.map((v) => v[0]!);
    const flatFrom = w.indexOf(0);
    expect(flatFrom).toBe(3); // bar 4
    // The shadow equity follows price / 100: within 5% of its 110 peak again at close 105 (bar 16).
    const back = w.indexOf(1, flatFrom);
    expect(back + 1).toBe(16);
  });
});

describe("vol_target", () => {
  // Returns alternate +a, -a: known sample volatility.
  const a = 0.02;
  const closes = [100];
  for (let t = 1; t < 80; t++) closes.push(closes[t - 1]! * (t % 2 ? 1 + a : 1 - a));
  const panel = panelFromCloses(closes);
  const returns = closes.map((c, t) => (t === 0 ? 0 : c / closes[t - 1]! - 1));

  it("realized: scales to target / (sample std · √252), capped by max_leverage", () => {
    const manager = compileRiskSection(
      {
        rules: [
          { type: "vol_target", target: 0.1, estimator: "realized", window: 20, max_leverage: 2 },
        ],
      },
      { symbols: ["A"], periodsPerYear: 252 },
    );
    const res = referenceLoop(panel, () => Float64Array.of(1), manager);
    const t = 40;
    const win = returns.slice(t - 19, t + 1);
    const mean = win.reduce((x, y) => x + y, 0) / 20;
    const sd = Math.sqrt(win.reduce((x, y) => x + (y - mean) ** 2, 0) / 19);
    expect(res.targets[t - 1]![0]).toBeCloseTo(0.1 / (sd * Math.sqrt(252)), 12);
    // Before `window` returns exist: untouched.
    expect(res.targets[5]![0]).toBe(1);
    const capped = compileRiskSection(
      {
        rules: [
          { type: "vol_target", target: 2, estimator: "realized", window: 20, max_leverage: 1.5 },
        ],
      },
      { symbols: ["A"], periodsPerYear: 252 },
    );
    expect(referenceLoop(panel, () => Float64Array.of(1), capped).targets[40]![0]).toBe(1.5);
  });

  it("ewma: equals the bias-corrected exponentially weighted variance computed directly", () => {
    const lambda = 0.9;
    const manager = compileRiskSection(
      { rules: [{ type: "vol_target", target: 0.15, lambda, min_periods: 5, max_leverage: 10 }] },
      { symbols: ["A"], periodsPerYear: 252 },
    );
    const res = referenceLoop(panel, () => Float64Array.of(0.5), manager);
    for (const t of [10, 33, 60]) {
      let num = 0;
      let den = 0;
      for (let k = 1; k <= t; k++) {
        const wk = lambda ** (t - k);
        num += wk * returns[k]! ** 2;
        den += wk;
      }
      const sigma = 0.5 * Math.sqrt((num / den) * 252);
      expect(res.targets[t - 1]![0]).toBeCloseTo(0.5 * (0.15 / sigma), 10);
    }
  });

  it("two assets: portfolio volatility uses the covariance (perfectly hedged → capped)", () => {
    const up = [100];
    for (let t = 1; t < 40; t++) up.push(up[t - 1]! * (t % 2 ? 1.01 : 0.99));
    const p = panelFromCloses(up);
    const two = {
      ...p,
      symbols: ["A", "B"],
      close: [p.close[0]!, p.close[0]!],
      high: [p.close[0]!, p.close[0]!],
      low: [p.close[0]!, p.close[0]!],
      open: [p.close[0]!, p.close[0]!],
      volume: [p.volume[0]!, p.volume[0]!],
    };
    const manager = compileRiskSection(
      {
        rules: [
          { type: "vol_target", target: 0.1, estimator: "realized", window: 10, max_leverage: 3 },
        ],
      },
      { symbols: ["A", "B"], periodsPerYear: 252 },
    );
    const res = referenceLoop(two, () => Float64Array.of(0.5, -0.5), manager);
    // Long A and short the same series: zero forecast volatility, left alone.
    expect(Array.from(res.targets[30]!)).toEqual([0.5, -0.5]);
  });
});

describe("stop_loss", () => {
  const path = [100, 101, 103, 106, 104, 101, 99, 97, 98, 99, 100];
  const panel = panelFromCloses(path);
  const stopRun = (rule: Record<string, unknown>, signal = () => Float64Array.of(1)) =>
    referenceLoop(
      panel,
      signal,
      compileRiskSection(
        { rules: [{ type: "stop_loss", ...rule }] },
        { symbols: ["A"], periodsPerYear: 252 },
      ),
    );

  it("trailing: exits when the close falls `stop` below the best close since entry and stays out", () => {
    const res = stopRun({ method: "trailing", stop: 0.05 });
    const w = res.targets.map((v) => v[0]);
    // Entry at bar 1's close (101); peak 106; 106·0.95 = 100.7 → bar 6 (99).
    expect(w.indexOf(0) + 1).toBe(6);
    expect(w.slice(5).every((v) => v === 0)).toBe(true);
    expect(res.events[0]!.message).toContain("trailing stop");
  });

  it("fixed: exits at `stop` below the entry close; cooldown re-arms it", () => {
    const res = stopRun({ method: "fixed", stop: 0.03, cooldown_bars: 2 });
    const w = res.targets.map((v) => v[0]);
    // Entry close 101 at bar 1 → level 97.97 → bar 7 (97).
    expect(w.indexOf(0) + 1).toBe(7);
    expect(w[7]).toBe(0);
    expect(w[8]).toBe(1); // bar 9: cooldown of 2 bars passed
  });

  it("time: exits after max_bars and resets when the signal goes flat", () => {
    const res = stopRun({ method: "time", max_bars: 3 }, () => Float64Array.of(1));
    const w = res.targets.map((v) => v[0]);
    expect(w.indexOf(0) + 1).toBe(4); // entered at bar 1, out 3 bars later
  });

  it("atr: chandelier stop at k × ATR below the best close", () => {
    const res = stopRun({ method: "atr", atr_window: 3, atr_multiple: 1 });
    const w = res.targets.map((v) => v[0]);
    // At bar 5: ATR(3) over closes 103→106→104→101 = (3+2+3)/3; peak 106 → level 103.33 > 101.
    const firstZero = w.indexOf(0) + 1;
    const atr5 = (3 + 2 + 3) / 3;
    expect(101).toBeLessThanOrEqual(106 - atr5);
    expect(firstZero).toBeLessThanOrEqual(5);
    // At bar 4 (104): ATR = (2+3+2)/3, level 106 - 2.33 = 103.67 < 104: not yet.
    expect(firstZero).toBe(5);
  });
});

describe("kill_switch", () => {
  it("flattens everything permanently once the drawdown limit is hit", () => {
    const path = [100, 100, 95, 90, 85, 90, 100, 110, 120];
    const manager = compileRiskSection(
      { rules: [{ type: "kill_switch", max_drawdown: 0.12 }] },
      { symbols: ["A"], periodsPerYear: 252 },
    );
    const res = referenceLoop(panelFromCloses(path), () => Float64Array.of(1), manager);
    const w = res.targets.map((v) => v[0]);
    expect(w.indexOf(0) + 1).toBe(4); // equity 0.85 at bar 4: dd 15%
    expect(w.slice(3).every((v) => v === 0)).toBe(true);
    expect(res.events[0]!.message).toContain("kill-switch");
    expect(manager.currentState().rules[0]).toMatchObject({ tripped: true });
  });
});

describe("risk manager", () => {
  it("composes rules in order and is pure: replaying with serialised state gives identical targets", () => {
    const closes = [100];
    for (let t = 1; t < 300; t++)
      closes.push(closes[t - 1]! * (1 + 0.02 * Math.sin(t * 0.37) + 0.003 * Math.cos(t * 1.3)));
    const panel = panelFromCloses(closes);
    const section = {
      rules: [
        { type: "vol_target", target: 0.1, max_leverage: 1.5 },
        {
          type: "drawdown_control",
          levels: [{ drawdown: 0.05, scale: 0.5 }],
          reentry: { after_bars: 10 },
        },
        { type: "stop_loss", method: "trailing", stop: 0.08 },
        { type: "position_limits", max_position: 1 },
      ],
    };
    const e = { symbols: ["A"], periodsPerYear: 252 };
    const manager = compileRiskSection(section, e);
    const signal = (t: number) => Float64Array.of(t % 50 < 40 ? 1 : 0);
    const inMemory = referenceLoop(panel, signal, manager);
    expect(inMemory.events.length).toBeGreaterThan(5);
    // A "server" holding only the JSON state between calls.
    const server = compileRiskSection(section, e);
    let state = JSON.parse(JSON.stringify(server.initialState()));
    const replay = referenceLoop(panel, signal, {
      reset() {},
      apply(proposed, portfolio) {
        const out = server.step(proposed, portfolio, state);
        state = JSON.parse(JSON.stringify(out.state));
        return { targets: out.targets, events: out.events };
      },
    });
    expect(replay.targets.map((v) => v[0])).toEqual(inMemory.targets.map((v) => v[0]));
    expect(replay.events).toEqual(inMemory.events);
    // reset() clears state and the event log.
    manager.reset();
    expect(manager.eventLog()).toEqual([]);
    expect(manager.currentState()).toEqual(manager.initialState());
  });

  it("has no look-ahead: changing future prices leaves earlier targets unchanged", () => {
    const closes = [100];
    for (let t = 1; t < 200; t++) closes.push(closes[t - 1]! * (1 + 0.015 * Math.sin(t * 0.5)));
    const future = closes.map((c, t) => (t >= 120 ? c * (1 + 0.3 * Math.sin(t)) : c));
    const section = {
      rules: [
        { type: "vol_target", target: 0.1, max_leverage: 1.5 },
        { type: "drawdown_control" },
        { type: "stop_loss", method: "atr", atr_window: 5, cooldown_bars: 5 },
        { type: "kill_switch", max_drawdown: 0.5 },
      ],
    };
    const run = (c: number[]) =>
      referenceLoop(
        panelFromCloses(c),
        (t) => Float64Array.of(t % 30 < 20 ? 1 : -0.5),
        compileRiskSection(section, { symbols: ["A"], periodsPerYear: 252 }),
      );
    const a = run(closes).targets.map((v) => v[0]);
    const b = run(future).targets.map((v) => v[0]);
    // targets[t-1] is decided at bar t; bars < 120 see identical data.
    expect(b.slice(0, 119)).toEqual(a.slice(0, 119));
    expect(b.slice(119)).not.toEqual(a.slice(119));
  });

  it("registers every rule type", () => {
    expect(createRiskRuleRegistry().names()).toEqual([
      "concentration",
      "drawdown_control",
      "kill_switch",
      "position_limits",
      "stop_loss",
      "vol_target",
    ]);
    expect(createRiskManager([]).apply(Float64Array.of(0.3), portfolio()).targets[0]).toBe(0.3);
  });
});

describe("average true range", () => {
  it("uses Wilder's true range with highs and lows, close-to-close moves without", async () => {
    const { averageTrueRange } = await import("../../runtime/risk/rules/stop-loss.js");
    const closes = Float64Array.of(10, 11, 10.5, 12);
    const highs = Float64Array.of(10.5, 11.5, 11.2, 12.4);
    const lows = Float64Array.of(9.5, 10.2, 9.8, 10.4);
    // TR1 = max(1.3, |11.5-10|, |10.2-10|) = 1.5; TR2 = max(1.4, 0.2, 1.2) = 1.4; TR3 = max(2, 1.9, 0.1) = 2
    expect(averageTrueRange(closes, 3, 3, highs, lows)).toBeCloseTo((1.5 + 1.4 + 2) / 3, 14);
    expect(averageTrueRange(closes, 3, 3)).toBeCloseTo((1 + 0.5 + 1.5) / 3, 14);
    expect(averageTrueRange(closes, 2, 3)).toBeNull();
  });
});
