/**
 * The sweep's `report.heatmap` is checked before anything runs, by
 * `drlwb validate` and `drlwb sweep` alike: a parameter the sweep does not
 * vary, the same parameter twice, a y with one swept parameter, or an
 * unknown metric is a user error at its line:col with "did you mean".
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepCommand } from "../../../cli/sweep.js";
import { validateCommand } from "../../../cli/validate.js";
import { bufferIO } from "../../support/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "drlwb-sweep-report-spec-"));
beforeAll(() => copyFileSync(join(fixtures, "sma-goog.yaml"), join(dir, "sma-goog.yaml")));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sweepSpec = (parameters: string, report: string): string =>
  `kind: sweep\nname: heat\nbase: ./sma-goog.yaml\nparameters:\n${parameters}report:\n  heatmap:\n${report}`;
const two = "  strategy.fast: [5, 10]\n  strategy.slow: [20, 40]\n";

async function refused(name: string, text: string): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  const io = bufferIO();
  const out = join(dir, `${name}-out`);
  expect(await sweepCommand(file, { out, workers: 0 }, io)).toBe(2);
  expect(existsSync(out)).toBe(false);
  const v = bufferIO();
  expect(validateCommand([file], {}, v)).toBe(2);
  expect(v.text().err + v.text().out).toContain(io.text().err.split("\n")[0]!.trim());
  return io.text().err;
}

describe("report.heatmap checks", () => {
  it("a heatmap parameter the sweep does not vary: line:col, did you mean, the swept ones", async () => {
    const err = await refused("unknown-x", sweepSpec(two, "    x: strategy.fats\n"));
    expect(err).toMatch(
      /unknown-x\.yaml:9:5 {2}\/report\/heatmap\/x {2}report\.heatmap\.x "strategy\.fats" is not a parameter this sweep varies; did you mean "strategy\.fast"\? Swept parameters: strategy\.fast, strategy\.slow/,
    );
  });

  it("a parameter of the base that the sweep does not vary is refused too", async () => {
    const err = await refused(
      "unswept-y",
      sweepSpec(two, "    x: strategy.fast\n    y: strategy.short\n"),
    );
    expect(err).toMatch(
      /unswept-y\.yaml:10:5 {2}\/report\/heatmap\/y {2}.*"strategy\.short" is not a parameter this sweep varies/,
    );
  });

  it("x and y the same parameter", async () => {
    const err = await refused(
      "same",
      sweepSpec(two, "    x: strategy.slow\n    y: strategy.slow\n"),
    );
    expect(err).toMatch(/same\.yaml:10:5 {2}\/report\/heatmap\/y {2}.*both "strategy\.slow"/);
  });

  it("y with one swept parameter", async () => {
    const err = await refused(
      "one",
      sweepSpec("  strategy.fast: [5, 10]\n", "    y: strategy.fast\n"),
    );
    expect(err).toMatch(/one\.yaml:8:5 {2}\/report\/heatmap\/y {2}.*varies one parameter only/);
  });

  it("an unknown heatmap metric", async () => {
    const err = await refused("metric", sweepSpec(two, "    metric: sharpe_ration\n"));
    expect(err).toMatch(
      /metric\.yaml:9:5 {2}\/report\/heatmap\/metric {2}.*did you mean "sharpe_ratio"/,
    );
  });

  it("a valid heatmap validates", () => {
    const file = join(dir, "ok.yaml");
    writeFileSync(
      file,
      sweepSpec(
        two,
        "    x: strategy.slow\n    y: strategy.fast\n    metric: max_drawdown\n    aggregate: median\n",
      ),
    );
    const io = bufferIO();
    expect(validateCommand([file], {}, io), io.text().err).toBe(0);
  });
});
