import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { consoleRunEvents } from "../../cli/run-events.js";
import { createSignalStrategyStage, strategySignal } from "../../runtime/backtest/stage.js";
import { isUserError } from "../../runtime/core/errors.js";
import { sectionLocation } from "../../runtime/core/spec-location.js";
import type { RegimeResult } from "../../runtime/regime/result.js";
import { createRegimeStage } from "../../runtime/regime/stage.js";
import { withRegimeSwitching } from "../../runtime/regime/switching-stage.js";
import type { RunResult } from "../../runtime/run/execute.js";
import { compileSpecFile, runSpec } from "../../runtime/run/run-spec.js";
import { panelDataset } from "../support/panel-dataset.js";
import { resolved } from "../support/spec-values.js";
import { basketFixture, basketPanel, writeBasketCsv } from "./support/basket-fixture.js";
import { perturbFuture, testContext } from "./support/context.js";
import { loadRunTearSheet } from "../../runtime/report/run-folder.js";

/**
 * Regimes of a multi-asset experiment (issue 15): the detector models a
 * declared series (the basket by default) through the gaps of an unevenly
 * listed symbol, `switching` changes what risk and backtest trade, a flat
 * regime is flat on exactly its bars, and a detector that cannot decide (or a
 * one-class classifier) warns on the console, in run.log and in the report.
 */
const root = mkdtempSync(join(tmpdir(), "drlwb-basket-regimes-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fixture = basketFixture(700);
writeBasketCsv(join(root, "basket.csv"), fixture);
const TRAIN_END = 450;
const segments = [
  "segments:",
  `  train: { start: ${fixture.dates[0]}, end: ${fixture.dates[TRAIN_END - 1]} }`,
  `  test: { start: ${fixture.dates[TRAIN_END]}, end: ${fixture.dates[699]} }`,
];

/** Writes an experiment on the basket CSV with the given regime (and other) lines. */
function specFile(name: string, lines: readonly string[]): string {
  const file = join(root, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      "seed: 5",
      "data: { source: file, path: basket.csv, align: { calendar: union, fill: none } }",
      ...segments,
      "strategy: { type: buy_and_hold }",
      ...lines,
      "",
    ].join("\n"),
  );
  return file;
}

async function run(name: string, lines: readonly string[], say?: (line: string) => void) {
  const events = say ? consoleRunEvents(say) : undefined;
  const result = await runSpec(specFile(name, lines), {
    runsDir: join(root, "runs"),
    ...(events ? { onEvent: events.onEvent } : {}),
  });
  if (result.status !== "complete") throw result.error;
  return result;
}

const regimeOf = (result: RunResult): RegimeResult => result.outputs.regime!;

/** Label counts over the test segment. */
function testLabels(regime: RegimeResult): Map<number, number> {
  const counts = new Map<number, number>();
  for (let t = TRAIN_END; t < regime.labels.length; t++) {
    counts.set(regime.labels[t]!, (counts.get(regime.labels[t]!) ?? 0) + 1);
  }
  return counts;
}

const SWITCHING = [
  "regime:",
  "  type: vol_threshold",
  '  switching: { "0": { weight: 1 }, "1": flat, unknown: { weight: 1 } }',
];
const NO_HTML = ["report: { html: false }"];
const RISK = ["risk: { rules: [ { type: position_limits, max_position: 1 } ] }"];

describe("regimes of a basket with gaps (the data-dow30 case)", () => {
  it("vol_threshold labels the test segment through a missing bar of one symbol, without warnings", async () => {
    const result = await run("vol-basket", [...SWITCHING, ...NO_HTML]);
    const regime = regimeOf(result);
    const counts = testLabels(regime);
    // Before: the first missing CCC bar made the basket's rolling volatility NaN for good.
    expect(counts.get(-1) ?? 0).toBe(0);
    expect(counts.get(0)).toBeGreaterThan(30);
    expect(counts.get(1)).toBeGreaterThan(30);
    expect(regime.warnings).toEqual([]);
    expect(regime.series.name).toBe("equal-weighted basket of 3 symbols");
  });

  it("the ml detector trained on those labels predicts both regimes in the test segment", async () => {
    const result = await run("ml-basket", ["regime: { type: ml }", ...NO_HTML]);
    const regime = regimeOf(result);
    const counts = testLabels(regime);
    expect(counts.get(0)).toBeGreaterThan(30);
    expect(counts.get(1)).toBeGreaterThan(30);
    expect(regime.warnings).toEqual([]);
  });
});

describe("switching takes effect", () => {
  it("changes the results against the same spec without switching", async () => {
    const switched = await run("with-switching", [...SWITCHING, ...RISK, ...NO_HTML]);
    const plain = await run("without-switching", [
      "regime: { type: vol_threshold }",
      ...RISK,
      ...NO_HTML,
    ]);
    const a = switched.outputs.backtest!.strategy.statistics;
    const b = plain.outputs.backtest!.strategy.statistics;
    expect(a.sharpeRatio.toFixed(5)).not.toBe(b.sharpeRatio.toFixed(5));
    expect(a.totalReturn).not.toBe(b.totalReturn);
    expect(a.exposureTime).toBeLessThan(b.exposureTime);
  });

  it("flat in regime 1 ⇒ zero target and zero exposure on exactly the bars labelled 1", async () => {
    const result = await run("flat-regime", [...SWITCHING, ...RISK, ...NO_HTML]);
    const labels = regimeOf(result).labels;
    const signal = result.outputs.signal!;
    const backtest = result.outputs.backtest!;
    const { start, end } = backtest.range;
    const exposure = backtest.strategy.exposure;
    const close = result.outputs.data!.panel.close;
    let flat = 0;
    for (let t = start; t < end - 1; t++) {
      const inFlatRegime = labels[t] === 1;
      if (inFlatRegime) flat++;
      // The signal the risk overlay and the engine receive is the switched one …
      const gross = signal.weights.reduce((sum, w) => sum + Math.abs(w[t]!), 0);
      expect(gross === 0, `target at bar ${t}`).toBe(inFlatRegime);
      // … and the decision at t (next-open fill) is the exposure held over bar t + 1
      // (where every symbol trades at t + 1: a symbol without a bar cannot be sold then).
      if (close.some((c) => Number.isNaN(c[t + 1]!))) continue;
      expect(exposure[t + 1 - start] === 0, `exposure after bar ${t}`).toBe(inFlatRegime);
    }
    expect(flat).toBeGreaterThan(30);
    expect(end - 1 - start - flat).toBeGreaterThan(30);
  });

  it("decides bar t with data up to t: a different future leaves every earlier switched target", async () => {
    const section = resolved("regime", {
      type: "vol_threshold",
      switching: { "0": { weight: 1 }, "1": "flat", unknown: "flat" },
    });
    const strategy = resolved("strategy", { type: "sma_crossover", fast: 5, slow: 20 });
    const switchedWeights = async (panel: ReturnType<typeof basketPanel>) => {
      const data = panelDataset(panel, {
        train: { start: 0, end: TRAIN_END },
        test: { start: TRAIN_END, end: panel.timestamps.length },
      });
      const regime = await createRegimeStage(section).run(testContext(), { data });
      const stage = withRegimeSwitching(
        createSignalStrategyStage(strategy),
        section,
        sectionLocation("regime"),
      );
      return (await stage.run(testContext(7, "signal"), { data, regime })).weights;
    };
    const panel = basketPanel(fixture);
    const cut = TRAIN_END + 120;
    const base = await switchedWeights(panel);
    const other = await switchedWeights(perturbFuture(panel, cut));
    let differ = 0;
    base.forEach((row, s) => {
      expect(Array.from(other[s]!.subarray(0, cut))).toEqual(Array.from(row.subarray(0, cut)));
      for (let t = cut; t < row.length; t++) if (other[s]![t] !== row[t]) differ++;
    });
    expect(differ).toBeGreaterThan(0);
  });

  it("follows named signals declared in the spec, the experiment's own signal and fixed weights", async () => {
    const section = resolved("regime", {
      type: "vol_threshold",
      signals: { trend: { type: "sma_crossover", fast: 5, slow: 20 }, own: "experiment" },
      switching: {
        "0": { strategy: "trend", weight: 0.5 },
        "1": { weights: { AAA: 0.7, BBB: 0.3 } },
        unknown: { strategy: "own" },
      },
    });
    const panel = basketPanel(fixture);
    const data = panelDataset(panel, {
      train: { start: 0, end: TRAIN_END },
      test: { start: TRAIN_END, end: panel.timestamps.length },
    });
    const regime = await createRegimeStage(section).run(testContext(), { data });
    const own = resolved("strategy", { type: "buy_and_hold" });
    const stage = withRegimeSwitching(
      createSignalStrategyStage(own),
      section,
      sectionLocation("regime"),
    );
    const weights = (await stage.run(testContext(7, "signal"), { data, regime })).weights;
    const trend = strategySignal(
      resolved("strategy", { type: "sma_crossover", fast: 5, slow: 20 }),
      panel,
    ).weights;
    const base = strategySignal(own, panel).weights;
    const seen = new Set<number>();
    for (let t = 0; t < panel.timestamps.length; t++) {
      const label = regime.labels[t]!;
      seen.add(label);
      panel.symbols.forEach((symbol, s) => {
        const expected =
          label === 0
            ? 0.5 * (Number.isNaN(trend[s]![t]!) ? 0 : trend[s]![t]!)
            : label === 1
              ? ({ AAA: 0.7, BBB: 0.3 }[symbol] ?? 0)
              : Number.isNaN(base[s]![t]!)
                ? 0
                : base[s]![t]!;
        expect(weights[s]![t], `${symbol} at bar ${t} (regime ${label})`).toBe(expected);
      });
    }
    expect([...seen].sort()).toEqual([-1, 0, 1]);
  });

  it("refuses an undeclared signal name when the spec is validated, at its line with a did-you-mean", () => {
    const file = specFile("typo", [
      "regime:",
      "  type: vol_threshold",
      "  signals: { trend: { type: sma_crossover, fast: 5, slow: 20 } }",
      '  switching: { "0": { strategy: trnd }, "1": flat }',
    ]);
    let diagnostic: unknown;
    try {
      compileSpecFile(file);
    } catch (error) {
      if (isUserError(error)) diagnostic = error.diagnostics[0];
      else throw error;
    }
    expect(diagnostic).toMatchObject({
      file,
      line: 11,
      path: "/regime/switching/0/strategy",
      hint: expect.stringContaining('did you mean "trend"'),
    });
  });

  it("refuses a series symbol the data does not have, with a did-you-mean", async () => {
    const result = await runSpec(
      specFile("bad-series", ["regime: { type: vol_threshold, series: { symbol: BBX } }"]),
      { runsDir: join(root, "runs") },
    );
    expect(result.status).toBe("failed");
    if (!isUserError(result.error)) throw new Error("expected a UserError");
    expect(result.error.diagnostics[0]).toMatchObject({
      path: "/regime/series/symbol",
      hint: expect.stringContaining('did you mean "BBB"'),
    });
  });
});

describe("warnings: too many unknown labels, a one-class classifier", () => {
  it("a detector whose warm-up covers a fifth of the test segment warns on the console, in run.log and in the report; the chart shades the basket", async () => {
    const console: string[] = [];
    const result = await run(
      "warm-up",
      [
        "regime: { type: trend, ma_window: 300, slope_window: 200, max_unknown_share: 0.1 }",
        "report: { title: warm-up }",
      ],
      (line) => console.push(line),
    );
    const regime = regimeOf(result);
    expect(regime.warnings).toHaveLength(1);
    const warning = regime.warnings[0]!;
    expect(warning).toContain("of the 250 test bars are labelled");
    expect(console.filter((line) => line.startsWith("⚠ regime:"))).toEqual([
      `⚠ regime: ${warning}`,
    ]);
    const log = readFileSync(join(result.dir, "logs", "run.log"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(log.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([warning]);
    const html = readFileSync(join(result.dir, "report.html"), "utf8");
    expect(html).toContain("of the 250 test bars are labelled");
    // The regime chart is drawn over the modelled series (the basket's level), not the first symbol.
    const sheet = loadRunTearSheet(result.dir);
    expect(sheet.regimes?.priceLabel).toBe("equal-weighted basket of 3 symbols");
    expect(Array.from(sheet.regimes!.price.values)).toEqual(
      Array.from(regime.series.levels.subarray(TRAIN_END)),
    );
    expect(sheet.regimes?.warnings).toEqual([warning]);
  });

  it("an ml classifier that predicts one regime for the whole test segment warns", async () => {
    const result = await run("one-class", [
      "regime:",
      "  type: ml",
      "  series: { symbol: BBB }",
      "  target: { type: vol_threshold, thresholds: [100], series: { symbol: BBB } }",
      ...NO_HTML,
    ]);
    const regime = regimeOf(result);
    expect([...testLabels(regime).keys()]).toEqual([0]);
    expect(regime.warnings).toHaveLength(1);
    expect(regime.warnings[0]).toContain("predicts one regime");
    expect(regime.series.name).toBe("BBB");
    expect(Array.from(regime.series.levels)).toEqual(
      Array.from(result.outputs.data!.panel.close[1]!),
    );
  });
});
