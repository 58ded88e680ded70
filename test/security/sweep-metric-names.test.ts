// Prototype names (`constructor`, `toString`, `__proto__`, …) as a sweep's
// objective metric: the sweep looked the name up in a plain object of metric
// aliases, so `constructor` resolved to Object's constructor and passed
// `drlwb validate` as a metric. Every such name is refused at
// /objective/metric, as an unknown metric, when the sweep is validated.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { checkSweepSpecFile } from "../../runtime/run/check-sweep-spec.js";

const NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
];

const dir = mkdtempSync(join(tmpdir(), "drlwb-sweep-metric-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, "base.yaml"),
  [
    "name: base",
    "data: { source: bundled, name: spy }",
    "segments:",
    "  train: { start: 2008-01-02, end: 2013-12-31 }",
    "  test: { start: 2014-01-02, end: 2017-12-29 }",
    "strategy: { type: sma_crossover, fast: 10, slow: 50 }",
    "",
  ].join("\n"),
);

function sweepWithMetric(metric: string): string {
  const file = join(dir, `sweep-${metric}.yaml`);
  writeFileSync(
    file,
    `kind: sweep\nname: s\nbase: ./base.yaml\nparameters:\n  strategy.fast: [5, 10]\nobjective:\n  metric: "${metric}"\n`,
  );
  return file;
}

describe("prototype names as a sweep's objective metric", () => {
  for (const name of NAMES) {
    it(`${name}: refused at /objective/metric when the sweep is validated`, () => {
      let refused: unknown;
      try {
        checkSweepSpecFile(sweepWithMetric(name));
      } catch (error) {
        refused = error;
      }
      expect(isUserError(refused)).toBe(true);
      if (!isUserError(refused)) return;
      expect(refused.diagnostics[0]!.path).toBe("/objective/metric");
      expect(refused.message).toContain(`unknown sweep metric "${name}"`);
    });
  }
});
