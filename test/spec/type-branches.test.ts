import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { loadSpec } from "../../runtime/spec/index.js";
import { resolveSchemaValue } from "../../runtime/spec/resolve-value.js";

/**
 * Each detector, risk rule and env type has its own schema branch: the
 * resolved section lists only the keys of its type, with that type's defaults
 * (the values the code used to restate), and a key of another type is refused.
 */
const SHARPE_ETA = 1 / 252;

describe("regime detectors: one branch per type", () => {
  it.each([
    [
      "hmm",
      {
        type: "hmm",
        states: 2,
        covariance: "diag",
        restarts: 5,
        max_iterations: 200,
        tolerance: 1e-4,
        features: ["log_return"],
        series: "basket",
        window: 20,
        scale: 100,
        max_unknown_share: 0.5,
      },
    ],
    [
      "vol_threshold",
      {
        type: "vol_threshold",
        quantiles: [0.5],
        series: "basket",
        window: 20,
        scale: 100,
        max_unknown_share: 0.5,
      },
    ],
    [
      "trend",
      {
        type: "trend",
        ma_window: 50,
        slope_window: 10,
        threshold: 0,
        series: "basket",
        window: 20,
        scale: 100,
        max_unknown_share: 0.5,
      },
    ],
    [
      "turbulence",
      {
        type: "turbulence",
        lookback: 252,
        expanding: false,
        quantile: 0.99,
        max_unknown_share: 0.5,
      },
    ],
    [
      "ml",
      {
        type: "ml",
        target: {
          type: "vol_threshold",
          quantiles: [0.5],
          series: "basket",
          window: 20,
          scale: 100,
          max_unknown_share: 0.5,
        },
        features: ["log_return", "abs_return", "realized_vol"],
        lags: 5,
        horizon: 1,
        l2: 1e-3,
        iterations: 500,
        learning_rate: 0.5,
        series: "basket",
        window: 20,
        scale: 100,
        max_unknown_share: 0.5,
      },
    ],
  ])("%s lists only its keys, with its defaults", (type, expected) => {
    expect(resolveSchemaValue("regime", { type }, "test")).toEqual(expected);
  });

  it("fills the defaults of the ml target's own type, and of hmm's `select`", () => {
    const ml = resolveSchemaValue("regime", { type: "ml", target: { type: "trend" } }, "test");
    expect(ml.type === "ml" && ml.target).toEqual({
      type: "trend",
      ma_window: 50,
      slope_window: 10,
      threshold: 0,
      series: "basket",
      window: 20,
      scale: 100,
      max_unknown_share: 0.5,
    });
    const hmm = resolveSchemaValue("regime", { type: "hmm", select: {} }, "test");
    expect(hmm.type === "hmm" && hmm.select).toEqual({ criterion: "bic", candidates: [2, 3, 4] });
  });

  it("refuses a key of another detector, and an ml target of type ml", () => {
    const misplaced = errorOf(() =>
      resolveSchemaValue("regime", { type: "turbulence", window: 20 }, "test"),
    );
    expect(misplaced.map((d) => d.path)).toEqual(["/window"]);
    expect(misplaced[0]!.message).toContain('unknown key "window"');
    const nested = errorOf(() =>
      resolveSchemaValue("regime", { type: "ml", target: { type: "ml" } }, "test"),
    );
    expect(nested.map((d) => d.path)).toEqual(["/target/type"]);
  });
});

describe("risk rules: one branch per type", () => {
  it.each([
    ["position_limits", { max_position: 0.5 }, { allow_short: true }],
    ["concentration", { max_weight: 0.2 }, {}],
    [
      "drawdown_control",
      {},
      {
        levels: [
          { drawdown: 0.1, scale: 0.5 },
          { drawdown: 0.2, scale: 0 },
        ],
        reentry: { after_bars: 20 },
      },
    ],
    [
      "vol_target",
      { target: 0.1 },
      {
        estimator: "ewma",
        lambda: 0.94,
        window: 20,
        min_periods: 20,
        max_leverage: 1,
        min_scale: 0,
        report_change: 0.1,
      },
    ],
    ["stop_loss", { stop: 0.05 }, { method: "trailing", atr_window: 14, atr_multiple: 3 }],
    ["kill_switch", { max_drawdown: 0.3 }, {}],
  ])("%s lists only its keys, with its defaults", (type, given, defaults) => {
    const risk = resolveSchemaValue("risk", { rules: [{ type, ...given }] }, "test");
    expect(risk.rules).toEqual([{ type, ...given, ...defaults }]);
  });
});

describe("agent envs: one branch per type", () => {
  const trading = {
    window: 1,
    sharpe_eta: SHARPE_ETA,
    drawdown_penalty: 0.5,
    cost_pct: 0.001,
  };
  it.each([
    [
      "single_asset",
      {
        type: "single_asset",
        actions: "short_flat_long",
        initial_cash: 1,
        reward: "log_return",
        reward_scaling: 1,
        ...trading,
      },
    ],
    [
      "multi_stock",
      {
        type: "multi_stock",
        hmax: 100,
        initial_cash: 1_000_000,
        reward: "pnl",
        reward_scaling: 1e-4,
        ...trading,
      },
    ],
    ["portfolio", { type: "portfolio", reward: "log_return", reward_scaling: 1, ...trading }],
    ["cartpole", { type: "cartpole" }],
    ["pendulum", { type: "pendulum" }],
  ])("%s lists only its keys, with its defaults", (type, expected) => {
    const agent = resolveSchemaValue(
      "agent",
      { type: "ppo", env: { type }, total_timesteps: 100 },
      "test",
    );
    expect(agent.env).toEqual(expected);
  });

  it("refuses a key the env does not read, naming the valid ones", () => {
    const problems = errorOf(() =>
      resolveSchemaValue(
        "agent",
        { type: "ppo", env: { type: "cartpole", window: 3 }, total_timesteps: 100 },
        "test",
      ),
    );
    expect(problems.map((d) => d.path)).toEqual(["/env/window"]);
    expect(problems[0]!.message).toContain('unknown key "window"');
  });
});

describe("the loader resolves per type", () => {
  const dir = mkdtempSync(join(tmpdir(), "drlwb-branches-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a loaded risk spec holds each rule's defaults and records them as defaults", () => {
    const file = join(dir, "risk.yaml");
    writeFileSync(
      file,
      "kind: risk\nrules:\n  - type: kill_switch\n    max_drawdown: 0.3\n  - type: stop_loss\n    stop: 0.05\n",
    );
    const result = loadSpec(file);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
    expect(result.spec).toEqual({
      rules: [
        { type: "kill_switch", max_drawdown: 0.3 },
        { type: "stop_loss", stop: 0.05, method: "trailing", atr_window: 14, atr_multiple: 3 },
      ],
    });
    expect(result.provenance["/rules/1/atr_window"]).toBe("default");
    expect(result.provenance["/rules/1/stop"]).toBe("user");
  });
});

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isUserError(error)) return [...error.diagnostics];
    throw error;
  }
  throw new Error("expected a UserError");
}
