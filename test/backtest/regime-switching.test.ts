import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PortfolioState, TargetOverlay } from "../../runtime/contracts/portfolio.js";
import type { BacktestOutcome } from "../../runtime/backtest/outcome.js";
import {
  createBacktestStage,
  createSignalStrategyStage,
  strategySignal,
} from "../../runtime/backtest/stage.js";
import { sectionLocation } from "../../runtime/core/spec-location.js";
import { withRegimeSwitching } from "../../runtime/regime/switching-stage.js";
import type { TargetSignal } from "../../runtime/contracts/signal.js";
import type { StageKind } from "../../runtime/core/stage.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import type { MarketDataset } from "../../runtime/data/market-dataset.js";
import type { RegimeResult } from "../../runtime/regime/result.js";
import { createRegimeStage } from "../../runtime/regime/stage.js";
import type { SwitchingSpec } from "../../runtime/regime/switching.js";
import type { RiskDocument } from "../../runtime/risk/risk-document.js";
import { createRiskStage } from "../../runtime/risk/stage.js";
import { compileSpecFile } from "../../runtime/run/run-spec.js";
import { perturbFuture } from "../regime/support/context.js";
import { resolved, withDefaults } from "../support/spec-values.js";
import { userError } from "../support/user-error.js";
import { createTestRunContext } from "../support/run-context.js";

/**
 * `regime.switching` changes what the backtest trades: the signal's target at
 * bar t, scaled by the entry of the regime labelled at t (flat where the
 * entry is `flat` or missing), is what the risk overlay sees and the engine
 * executes; and the label used at t is the one known at t.
 */
const root = mkdtempSync(join(tmpdir(), "drlwb-switching-"));
const ctx = (kind: StageKind) => createTestRunContext(kind, 42, mkdtempSync(join(root, "run-")));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const segments = {
  train: { start: "2008-01-02", end: "2012-12-31" },
  test: { start: "2013-01-02", end: "2017-12-29" },
};
const switching: SwitchingSpec = { "0": { weight: 1 }, "1": "flat", unknown: "flat" };
const crossover = resolved("strategy", { type: "sma_crossover", fast: 10, slow: 50, short: true });
const hmm = resolved("regime", { type: "hmm", states: 2, restarts: 2, switching });

let data: MarketDataset;
let regime: RegimeResult;
let signal: TargetSignal;
let riskDocument: RiskDocument;

beforeAll(async () => {
  data = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }), { segments });
  regime = await createRegimeStage(hmm).run(ctx("regime"), { data });
  signal = strategySignal(crossover, data.panel);
  // The backtest reads only the overlay; the document is the risk stage's, for a whole risk output.
  const risk = resolved("risk", { rules: [{ type: "position_limits", max_position: 1 }] });
  riskDocument = (await createRiskStage(risk).run(ctx("risk"), { data })).document;
}, 120_000);

/** An overlay that passes the targets through and records what it was proposed at each bar. */
function recordingOverlay(): TargetOverlay & { seen: Map<number, number> } {
  const seen = new Map<number, number>();
  return {
    seen,
    reset: () => seen.clear(),
    apply(proposed: Float64Array, state: PortfolioState) {
      seen.set(state.bar, proposed[0]!);
      return { targets: proposed, events: [] };
    },
  };
}

/**
 * The crossover's signal stage switched by `regime` as the plan wires it
 * (runtime/regime/switching-stage.ts), then the backtest with the overlay.
 * `signal` is the crossover's unswitched signal on `data` (used without a regime).
 */
async function backtest(
  inputs: { data: MarketDataset; signal: TargetSignal; regime?: RegimeResult },
  overlay = recordingOverlay(),
): Promise<{ outcome: BacktestOutcome; seen: Map<number, number> }> {
  const signal = inputs.regime
    ? await withRegimeSwitching(
        createSignalStrategyStage(crossover),
        hmm,
        sectionLocation("regime"),
      ).run(ctx("signal"), { data: inputs.data, regime: inputs.regime })
    : inputs.signal;
  const stage = createBacktestStage(
    resolved("backtest", { cash: 10_000, costs: { commission: 0.001 }, segment: "test" }),
    { withRisk: true },
  );
  const outcome = await stage.run(ctx("backtest"), {
    data: inputs.data,
    signal,
    risk: { overlay, document: riskDocument },
  });
  return { outcome, seen: overlay.seen };
}

const zeroIfNaN = (w: number) => (Number.isNaN(w) ? 0 : w);

describe("regime switching in the backtest", () => {
  it("trades the signal in the calm regime and nothing in the regime mapped to flat", async () => {
    const switched = await backtest({ data, signal, regime });
    const plain = await backtest({ data, signal });
    const { start, end } = switched.outcome.range;
    const w = signal.weights[0]!;
    // The overlay is asked at every bar but the last (whose decision nothing executes).
    expect(switched.seen.size).toBe(end - 1 - start);
    let flatBars = 0;
    let tradedBars = 0;
    for (let t = start; t < end - 1; t++) {
      // What the risk overlay is proposed at bar t: the signal where the label at t is 0, else 0.
      const label = regime.labels[t]!;
      const expected = label === 0 ? zeroIfNaN(w[t]!) : 0;
      expect(switched.seen.get(t)).toBe(expected);
      expect(plain.seen.get(t)).toBe(zeroIfNaN(w[t]!));
      if (label !== 0 && zeroIfNaN(w[t]!) !== 0) flatBars++;
      if (label === 0 && zeroIfNaN(w[t]!) !== 0) tradedBars++;
    }
    // Both regimes occur in the test segment, so switching must change the decisions.
    expect(flatBars).toBeGreaterThan(20);
    expect(tradedBars).toBeGreaterThan(20);
    // Executed with next_open: the exposure held over bar t+1 is 0 after a flat-regime bar t.
    const exposure = switched.outcome.strategy.exposure;
    for (let t = start; t < end - 1; t++) {
      if (regime.labels[t] !== 0) expect(exposure[t + 1 - start]).toBe(0);
    }
    expect(switched.outcome.strategy.statistics.totalReturn).not.toBe(
      plain.outcome.strategy.statistics.totalReturn,
    );
    // … where the plain signal held a position after the same bars.
    const plainExposure = plain.outcome.strategy.exposure;
    let exposedWithout = 0;
    for (let t = start; t < end - 1; t++) {
      if (regime.labels[t] !== 0 && plainExposure[t + 1 - start] !== 0) exposedWithout++;
    }
    expect(exposedWithout).toBeGreaterThan(20);
  });

  it("scales the signal by `weight`, follows a named rule strategy, and holds fixed weights", async () => {
    const variant = (spec: SwitchingSpec) => ({ ...regime, switching: spec });
    const half = await backtest({
      data,
      signal,
      regime: variant({ "0": { weight: 0.5 }, "1": { weight: 0.25 } }),
    });
    const named = await backtest({
      data,
      signal,
      regime: variant({ "0": { strategy: "buy_and_hold" }, "1": { weights: [-0.4] } }),
    });
    const { start, end } = half.outcome.range;
    const w = signal.weights[0]!;
    for (let t = start; t < end - 1; t++) {
      const label = regime.labels[t]!;
      const scale = label === 0 ? 0.5 : label === 1 ? 0.25 : 0;
      expect(half.seen.get(t)).toBeCloseTo(scale * zeroIfNaN(w[t]!), 12);
      expect(named.seen.get(t)).toBe(label === 0 ? 1 : label === 1 ? -0.4 : 0);
    }
  });

  it("decides bar t with the labels known at t: a different future leaves every earlier decision", async () => {
    const cut = data.segments.test.start + 300;
    const base = await backtest({ data, signal, regime });
    // Other labels from the cut on (the detector changing its mind about the future)…
    const relabelled = Int32Array.from(regime.labels, (l, t) => (t < cut ? l : l === 0 ? 1 : 0));
    const future = await backtest({ data, signal, regime: { ...regime, labels: relabelled } });
    // … and a different future market, run through the detector, the signal and the backtest.
    const otherData = { ...data, panel: perturbFuture(data.panel, cut) };
    const otherRegime = await createRegimeStage(hmm).run(ctx("regime"), { data: otherData });
    const otherSignal = strategySignal(crossover, otherData.panel);
    const market = await backtest({ data: otherData, signal: otherSignal, regime: otherRegime });
    const { start, end } = base.outcome.range;
    const upToCut = (m: Map<number, number>) =>
      Array.from({ length: cut - start }, (_, i) => m.get(start + i));
    const fromCut = (m: Map<number, number>) =>
      Array.from({ length: end - cut }, (_, i) => m.get(cut + i));
    for (const other of [future, market]) {
      expect(upToCut(other.seen)).toEqual(upToCut(base.seen));
      expect(Array.from(other.outcome.strategy.equity.subarray(0, cut - start))).toEqual(
        Array.from(base.outcome.strategy.equity.subarray(0, cut - start)),
      );
      expect(fromCut(other.seen)).not.toEqual(fromCut(base.seen));
    }
  });

  it("is wired by the plan: a spec with regime.switching switches in the signal stage, before risk and backtest", () => {
    const { plan } = compileSpecFile("specs/strategy-spy-regime-switching.yaml");
    const kinds = plan.stages.map((s) => s.kind);
    const signal = plan.stages.find((s) => s.kind === "signal")!;
    expect(signal.inputs).toContain("regime");
    expect(signal.reads?.regime).toEqual(["labels", "switching"]);
    // Switching happens once: the backtest reads the (switched) signal, not the regime.
    expect(plan.stages.find((s) => s.kind === "backtest")!.inputs).not.toContain("regime");
    expect(kinds.indexOf("signal")).toBeLessThan(kinds.indexOf("backtest"));
    const quickstart = compileSpecFile("specs/quickstart.yaml").plan;
    expect(quickstart.stages.find((s) => s.kind === "signal")!.inputs).not.toContain("regime");
  });

  it("refuses, when the plan is compiled, a switching strategy that is not a rule strategy", async () => {
    const error = await userError(
      (async () =>
        createRegimeStage(
          resolved("regime", { type: "hmm", switching: { "0": { strategy: "sma_crossovr" } } }),
        ))(),
    );
    expect(error.diagnostics[0]!.path).toBe("/regime/switching/0/strategy");
    expect(error.diagnostics[0]!.hint).toContain('did you mean "sma_crossover"');
  });
});
