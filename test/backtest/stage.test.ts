import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { PortfolioState, TargetOverlay } from "../../runtime/contracts/portfolio.js";
import { sectionDefaults } from "../../runtime/spec/section-defaults.js";
import { strategySection } from "../../runtime/backtest/strategies/rule-strategy.js";
import {
  createBacktestStage,
  createSignalStrategyStage,
  runBacktestSection,
} from "../../runtime/backtest/stage.js";
import type { TargetSignal } from "../../runtime/contracts/signal.js";
import { isUserError, type UserError } from "../../runtime/core/errors.js";
import { compileSpecFile } from "../../runtime/run/run-spec.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { createTestRunContext } from "../support/run-context.js";
import { resolved, withDefaults } from "../support/spec-values.js";

const segments = {
  train: { start: "2004-08-19", end: "2009-12-31" },
  valid: { start: "2010-01-04", end: "2010-12-31" },
  test: { start: "2011-01-03", end: "2013-03-01" },
};

describe("signal and backtest stages on bundled GOOG", () => {
  it("strategy → signal → backtest on the test segment with benchmark and statistics", async () => {
    const data = await loadDataset(withDefaults("data", { source: "bundled", name: "goog" }), {
      segments,
    });
    const signalStage = createSignalStrategyStage(
      strategySection({ type: "sma_crossover", fast: 10, slow: 30 }),
    );
    const signal = await signalStage.run(createTestRunContext("signal"), { data });
    expect(signal.weights[0]!.length).toBe(data.panel.timestamps.length);

    const ctx = createTestRunContext("backtest");
    const stage = createBacktestStage({
      ...sectionDefaults("backtest"),
      cash: 10_000,
      costs: { ...sectionDefaults("backtest/costs"), commission: 0.001 },
    });
    expect(stage.inputs).toEqual(["data", "signal"]);
    const outcome = await stage.run(ctx, { data, signal });
    const test = data.segments.test;
    expect(outcome.range).toEqual(test);
    expect(outcome.strategy.equity.length).toBe(test.end - test.start);
    expect(outcome.strategy.equity[0]).toBe(10_000);
    expect(outcome.baseline).toBeUndefined(); // rule-based signal: no baseline
    // Buy & hold of one symbol: equity tracks the close after the first fill.
    const bench = outcome.benchmark!;
    const close = data.panel.close[0]!;
    const open = data.panel.open[0]!;
    const units = bench.positions[0]![1]!;
    // 100% of equity at the first fill (bar test.start + 1's open); the fee comes out of cash.
    expect(units).toBeCloseTo(10_000 / open[test.start + 1]!, 9);
    expect(bench.equity.at(-1)).toBeCloseTo(
      10_000 - units * open[test.start + 1]! * 1.001 + units * close[test.end - 1]!,
      6,
    );
    expect(outcome.strategy.statistics.equityFinal).toBeCloseTo(outcome.strategy.equity.at(-1)!, 9);
    expect(Number.isFinite(outcome.strategy.statistics.beta)).toBe(true);
    for (const f of ["backtest.json", "equity.csv", "trades.csv"])
      expect(existsSync(join(ctx.artifacts.dir, f))).toBe(true);
    const json = JSON.parse(readFileSync(join(ctx.artifacts.dir, "backtest.json"), "utf8"));
    expect(json.results.map((r: { role: string }) => r.role)).toEqual(["strategy", "benchmark"]);
  });

  it("an agent's signal gets a rule-based baseline, and the risk overlay is applied per bar", async () => {
    const data = await loadDataset(withDefaults("data", { source: "bundled", name: "goog" }), {
      segments,
    });
    const n = data.panel.timestamps.length;
    const signal: TargetSignal = {
      weights: [new Float64Array(n).fill(1)],
      symbols: data.panel.symbols,
      source: "ppo",
    };
    const seen: PortfolioState[] = [];
    const halve: TargetOverlay = {
      reset() {
        seen.length = 0;
      },
      apply(proposed, state) {
        seen.push({ ...state, weights: state.weights.slice() });
        const targets = proposed.map((w) => w / 2);
        return {
          targets,
          events:
            state.bar % 100 === 0
              ? [
                  {
                    bar: state.bar,
                    time: state.time,
                    rule: "halve",
                    message: "halved",
                    before: [...proposed],
                    after: [...targets],
                  },
                ]
              : [],
        };
      },
    };
    const outcome = await createBacktestStage(sectionDefaults("backtest"), { withRisk: true }).run(
      createTestRunContext("backtest"),
      {
        data,
        signal,
        // A hand-written overlay: the document describes no spec rules.
        risk: {
          overlay: halve,
          document: {
            rules: [],
            symbols: data.panel.symbols,
            periodsPerYear: 252,
            initialState: { rules: [] },
          },
        },
      },
    );
    expect(outcome.baseline?.name).toBe("sma_crossover");
    expect(outcome.riskEvents.length).toBeGreaterThan(0);
    // The state the overlay saw never includes a bar after the one deciding.
    for (const s of seen) expect(s.equity).toBeGreaterThan(0);
    expect(outcome.strategy.exposure[10]).toBeCloseTo(0.5, 1);
  });

  it("bad input gets user errors with fix-its", () => {
    try {
      createSignalStrategyStage(strategySection({ type: "sma_crosover" }));
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      expect((error as Error).message).toMatch(/did you mean "sma_crossover"/);
    }
    // fast < slow is a cross-field rule: refused when the stage is built (validate time), at /strategy/fast.
    try {
      createSignalStrategyStage(strategySection({ type: "sma_crossover", fast: 50, slow: 20 }));
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      expect((error as Error).message).toMatch(/fast \(50\) must be shorter/);
      expect((error as UserError).diagnostics[0]!.path).toBe("/strategy/fast");
      expect((error as UserError).diagnostics[0]!.hint).toMatch(/shorter window/);
    }
  });
});

describe("backtest engines and instruments chosen by the spec", () => {
  const specDir = fileURLToPath(new URL("../../specs/", import.meta.url));

  it("engine: event runs the strategy through the broker with the spec's exits", async () => {
    const compiled = compileSpecFile(join(specDir, "strategy-goog-event-stops.yaml"));
    const backtest = compiled.plan.stages.find((s) => s.kind === "backtest")!;
    expect(backtest.type).toBe("event");
    const data = await loadDataset(withDefaults("data", { source: "bundled", name: "goog" }), {
      segments,
    });
    const signal = await createSignalStrategyStage({
      type: "sma_crossover",
      fast: 10,
      slow: 20,
      short: true,
    }).run(createTestRunContext("signal"), { data });
    const section = compiled.spec.backtest!;
    const event = runBacktestSection(section, data, signal);
    const vectorized = runBacktestSection({ ...section, engine: "vectorized" }, data, signal);
    // Stop entries, stop-losses, take-profits and trailing stops fill at their own price levels,
    // not only at bar opens as the vectorized engine's orders do.
    const opens = new Set(data.panel.open[0]!);
    expect(vectorized.strategy.trades.every((t) => opens.has(t.exitPrice))).toBe(true);
    expect(event.strategy.trades.filter((t) => !opens.has(t.exitPrice)).length).toBeGreaterThan(3);
    expect(event.strategy.trades.filter((t) => !opens.has(t.entryPrice)).length).toBeGreaterThan(3);
    expect(event.strategy.statistics.equityFinal).not.toBeCloseTo(
      vectorized.strategy.statistics.equityFinal,
      0,
    );
    // The benchmark runs vectorized in both.
    expect(event.benchmark!.equity).toEqual(vectorized.benchmark!.equity);
  });

  it("backtest.instrument trades futures / options and writes derivatives.json", async () => {
    for (const file of ["strategy-spy-futures.yaml", "strategy-spy-covered-call.yaml"]) {
      const compiled = compileSpecFile(join(specDir, file));
      const section = compiled.spec.backtest!;
      const data = await loadDataset(withDefaults("data", { source: "bundled", name: "spy" }), {
        segments: compiled.spec.segments as typeof segments,
      });
      const signal = await createSignalStrategyStage(compiled.spec.strategy!).run(
        createTestRunContext("signal"),
        { data },
      );
      const ctx = createTestRunContext("backtest");
      const outcome = await createBacktestStage(section).run(ctx, { data, signal });
      expect(outcome.derivatives?.kind).toBe(section.instrument!.type);
      const log = JSON.parse(readFileSync(join(ctx.artifacts.dir, "derivatives.json"), "utf8"));
      expect(log.kind).toBe(section.instrument!.type);
      expect(Number.isFinite(outcome.strategy.statistics.sharpeRatio)).toBe(true);
    }
  });

  it("an instrument with rebalance: every_bar or engine: event is refused at that key", () => {
    const instrument = resolved("instrument", {
      type: "future",
      initial_margin: 600,
      maintenance_margin: 500,
    });
    for (const [extra, path] of [
      [{ rebalance: "every_bar" }, "/backtest/rebalance"],
      [{ engine: "event" }, "/backtest/engine"],
    ] as const) {
      try {
        createBacktestStage({ ...sectionDefaults("backtest"), instrument, ...extra });
        expect.unreachable();
      } catch (error) {
        expect((error as UserError).diagnostics[0]!.path).toBe(path);
      }
    }
  });

  it("instrument errors are placed at their line:col", () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-instrument-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(
      file,
      [
        "name: bad-future",
        "data: { source: bundled, name: spy }",
        "segments: { train: { start: 2008-01-02, end: 2013-12-31 }, test: { start: 2014-01-02, end: 2017-12-29 } }",
        "strategy: { type: sma_crossover, fast: 20, slow: 100 }",
        "backtest:",
        "  segment: all",
        "  instrument:",
        "    type: future",
        "    initial_margin: 5000",
        "    maintenance_margin: 6000",
        "",
      ].join("\n"),
    );
    try {
      compileSpecFile(file);
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      const d = (error as UserError).diagnostics[0]!;
      expect(d.path).toBe("/backtest/instrument/maintenance_margin");
      expect([d.line, d.col]).toEqual([10, 5]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
