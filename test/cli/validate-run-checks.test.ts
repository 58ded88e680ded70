/**
 * `drlwb validate` passing means the run will not fail on the spec: the
 * cross-field rules a stage or the sweep checks when it runs are reached at
 * validate time, each placed at file:line:col with its JSON pointer and a hint.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIO } from "../../cli/io.js";
import { validateCommand } from "../../cli/validate.js";
import type { Diagnostic } from "../../runtime/core/errors.js";
import { checkSweepSpecFile } from "../../runtime/run/check-sweep-spec.js";
import { compileSpecFile } from "../../runtime/run/run-spec.js";
import { loadSpec } from "../../runtime/spec/index.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-validate-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

interface Validated {
  readonly code: number;
  readonly results: { file: string; valid: boolean; diagnostics: Diagnostic[] }[];
}

function validate(file: string): Validated {
  let out = "";
  const io: CliIO = {
    stdout: {
      write: (text) => {
        out += text;
        return true;
      },
    },
    stderr: { write: () => true },
  };
  const code = validateCommand([file], { json: true }, io);
  return { code, results: JSON.parse(out) as Validated["results"] };
}

/** The one error diagnostic validate gives for `file`. */
function refusal(file: string): Diagnostic {
  const { code, results } = validate(file);
  expect(code).toBe(2);
  const errors = results[0]!.diagnostics.filter((d) => d.severity === "error");
  expect(errors.length).toBeGreaterThan(0);
  return errors[0]!;
}

const DATA = "data:\n  source: bundled\n  name: spy\n";
const SEGMENTS =
  "segments:\n  train: { start: 2008-01-02, end: 2013-12-31 }\n  test: { start: 2014-01-02, end: 2017-12-29 }\n";
const STRATEGY = "strategy: { type: sma_crossover, fast: 10, slow: 50 }\n";

describe("drlwb validate reaches the checks a run makes", () => {
  it("refuses data.quality.unsorted: warn (a run could not continue past unsorted rows)", () => {
    const file = spec(
      "unsorted-warn.yaml",
      `name: q\n${DATA}  quality:\n    unsorted: warn\n${SEGMENTS}${STRATEGY}`,
    );
    const d = refusal(file);
    // The schema refuses it (data.schema.json $defs/quality_unsorted), at the value.
    expect(d).toMatchObject({ file, line: 6, col: 15, path: "/data/quality/unsorted" });
    expect(d.message).toMatch(/"warn" is not a valid value; valid values: "fail"/);
    expect(d.hint).toMatch(/\{ action: fail \} \| \{ repair: sort \}/);
  });

  it("refuses a macd feature whose fast period is not below its slow one", () => {
    const file = spec(
      "macd-fast-slow.yaml",
      `name: q\n${DATA}${SEGMENTS}features:\n  - { type: macd, fast: 30, slow: 10 }\n${STRATEGY}`,
    );
    const d = refusal(file);
    expect(d).toMatchObject({ file, line: 9, col: 19, path: "/features/0/fast" });
    expect(d.message).toBe("feature macd: fast (30) must be less than slow (10)");
  });

  it("refuses a repair the check does not offer (unsorted: { repair: drop })", () => {
    const file = spec(
      "unsorted-drop.yaml",
      `name: q\n${DATA}  quality:\n    unsorted: { repair: drop }\n${SEGMENTS}${STRATEGY}`,
    );
    const d = refusal(file);
    // The schema refuses it (data.schema.json $defs/quality_unsorted), at the value.
    expect(d).toMatchObject({ file, line: 6, col: 25, path: "/data/quality/unsorted/repair" });
    expect(d.message).toBe('"drop" is not a valid value; valid values: "sort"');
  });

  it("refuses sma_crossover { fast: 50, slow: 20 }", () => {
    const file = spec(
      "crossover.yaml",
      `name: x\n${DATA}${SEGMENTS}strategy:\n  type: sma_crossover\n  fast: 50\n  slow: 20\n`,
    );
    const d = refusal(file);
    expect(d).toMatchObject({ file, line: 10, col: 3, path: "/strategy/fast" });
    expect(d.message).toMatch(/fast \(50\) must be shorter than slow \(20\)/);
    expect(d.hint).toMatch(/fast: 10, slow: 50/);
  });

  it("refuses a backtest baseline whose crossover is reversed", () => {
    const file = spec(
      "baseline.yaml",
      `name: b\n${DATA}${SEGMENTS}${STRATEGY}backtest:\n  baseline: { type: ema_crossover, fast: 30, slow: 5 }\n`,
    );
    const d = refusal(file);
    expect(d).toMatchObject({ file, line: 10, path: "/backtest/baseline/fast" });
    expect(d.hint).toBeDefined();
  });

  it("refuses an unknown sweep metric, naming the valid ones", () => {
    const base = spec("sweep-base.yaml", `name: base\n${DATA}${SEGMENTS}${STRATEGY}`);
    const sweep = spec(
      "sweep.yaml",
      `kind: sweep\nname: s\nbase: ./sweep-base.yaml\nparameters:\n  strategy.fast: [5, 10]\nobjective:\n  metric: sharp_ratio\n`,
    );
    expect(validate(base).code).toBe(0);
    const d = refusal(sweep);
    expect(d).toMatchObject({ file: sweep, line: 7, col: 3, path: "/objective/metric" });
    // The sweep's metrics are the run's headline metrics, named as in metrics.json.
    expect(d.message).toMatch(/unknown sweep metric "sharp_ratio"; did you mean "sharpeRatio"\?/);
    expect(d.hint).toMatch(/objective.metric is one of totalReturn, .*sharpeRatio/);
  });

  it("refuses a sweep constraint the parameter space cannot read", () => {
    spec("constraint-base.yaml", `name: base\n${DATA}${SEGMENTS}${STRATEGY}`);
    const sweep = spec(
      "constraint-sweep.yaml",
      "kind: sweep\nname: s\nbase: ./constraint-base.yaml\nparameters:\n  strategy.fast: [5, 10]\nconstraints:\n  - strategy.fast < strategy.slw\n",
    );
    const d = refusal(sweep);
    expect(d).toMatchObject({ file: sweep, line: 7, path: "/constraints/0" });
    expect(d.message).toMatch(/"strategy.slw" is not a swept parameter/);
    expect(d.hint).toMatch(/strategy.fast < strategy.slow/);
  });

  it("refuses a sweep whose base strategy is reversed, at the base's line", () => {
    const base = spec(
      "reversed-base.yaml",
      `name: base\n${DATA}${SEGMENTS}strategy:\n  type: sma_crossover\n  fast: 50\n  slow: 20\n`,
    );
    const sweep = spec(
      "reversed-sweep.yaml",
      "kind: sweep\nname: s\nbase: ./reversed-base.yaml\nparameters:\n  strategy.short: [true, false]\n",
    );
    const d = refusal(sweep);
    expect(d).toMatchObject({ file: base, line: 10, col: 3, path: "/strategy/fast" });
  });

  it("refuses vol_threshold thresholds that do not increase", () => {
    const file = spec(
      "regime.yaml",
      `name: r\n${DATA}${SEGMENTS}regime:\n  type: vol_threshold\n  thresholds: [0.3, 0.1]\n${STRATEGY}`,
    );
    const d = refusal(file);
    expect(d).toMatchObject({ file, line: 10, col: 3, path: "/regime/thresholds" });
  });
});

describe("example specs: validate passing means the spec compiles", () => {
  const files = readdirSync("specs")
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => join("specs", f));

  it.each(files)("%s", (file) => {
    const { code } = validate(file);
    expect(code).toBe(0);
    const loaded = loadSpec(file, { environ: process.env });
    if (!loaded.ok) throw new Error(`${file} does not load`);
    if (loaded.kind === "experiment")
      expect(compileSpecFile(file).plan.stages.length).toBeGreaterThan(0);
    if (loaded.kind === "sweep") expect(() => checkSweepSpecFile(file)).not.toThrow();
  });
});
