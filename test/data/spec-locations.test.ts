// Errors raised while a run loads its data (or trades its instrument) point
// at the spec the user edits: its file, the JSON pointer of the key and the
// key's line:col in the YAML, not a bare pointer with an empty file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Diagnostic, isUserError } from "../../runtime/core/errors.js";
import { runSpec } from "../../runtime/run/run-spec.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-spec-locations-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 30 weekdays of one symbol, AAA, in the long layout with a symbol column. */
function writePrices(): void {
  const rows = ["date,symbol,open,high,low,close,volume"];
  const day = new Date(Date.UTC(2020, 0, 6));
  while (rows.length <= 30) {
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) {
      const p = 100 + rows.length;
      rows.push(`${day.toISOString().slice(0, 10)},AAA,${p},${p + 1},${p - 1},${p},1000`);
    }
    day.setUTCDate(day.getUTCDate() + 1);
  }
  writeFileSync(join(root, "prices.csv"), `${rows.join("\n")}\n`);
}
writePrices();

/** Runs the spec `yaml` (written as `<name>.yaml`); the first diagnostic of the UserError it fails with. */
async function runFailure(name: string, yaml: string): Promise<Diagnostic & { file: string }> {
  const file = join(root, `${name}.yaml`);
  writeFileSync(file, yaml);
  const result = await runSpec(file, { runsDir: join(root, "runs") });
  expect(result.status).toBe("failed");
  if (!isUserError(result.error)) throw new Error(`expected a UserError, got ${result.error}`);
  const first = result.error.diagnostics[0];
  if (!first) throw new Error("the UserError has no diagnostic");
  expect(first.message).toBe(result.error.message);
  return first;
}

describe("run-time data errors name the spec file, pointer and line:col", () => {
  it("a symbol the CSV file does not have: data.symbols", async () => {
    const d = await runFailure(
      "missing-symbol",
      [
        "name: missing-symbol",
        "segments:",
        "  train: { start: 2020-01-06, end: 2020-01-31 }",
        "  test: { start: 2020-02-03, end: 2020-02-14 }",
        "data:",
        "  source: file",
        "  path: prices.csv",
        "  symbols: [AAA, ZZZ]",
        "strategy: { type: buy_and_hold }",
        "",
      ].join("\n"),
    );
    expect(d).toMatchObject({
      file: join(root, "missing-symbol.yaml"),
      path: "/data/symbols",
      line: 8,
      col: 3,
      severity: "error",
    });
    expect(d.message).toMatch(/ZZZ/);
  });

  it("a segment outside the data: segments.test", async () => {
    const d = await runFailure(
      "segment-outside",
      [
        "name: segment-outside",
        "data: { source: file, path: prices.csv }",
        "segments:",
        "  train: { start: 2020-01-06, end: 2020-01-31 }",
        "  test: { start: 2030-01-02, end: 2030-12-31 }",
        "strategy: { type: buy_and_hold }",
        "",
      ].join("\n"),
    );
    expect(d).toMatchObject({
      file: join(root, "segment-outside.yaml"),
      path: "/segments/test",
      line: 5,
      col: 3,
    });
    expect(d.message).toMatch(/test/);
  });

  it("a data file that does not exist: data.path", async () => {
    const d = await runFailure(
      "no-file",
      [
        "name: no-file",
        "segments:",
        "  train: { start: 2020-01-06, end: 2020-01-31 }",
        "  test: { start: 2020-02-03, end: 2020-02-14 }",
        "data:",
        "  source: file",
        "  path: nowhere.csv",
        "strategy: { type: buy_and_hold }",
        "",
      ].join("\n"),
    );
    expect(d).toMatchObject({
      file: join(root, "no-file.yaml"),
      path: "/data/path",
      line: 7,
      col: 3,
    });
    expect(d.message).toMatch(/nowhere\.csv/);
    expect(d.message).not.toContain(root);
  });

  it("a correlation feature with a symbol the data lacks: features/0/with", async () => {
    const d = await runFailure(
      "feature-with",
      [
        "name: feature-with",
        "segments:",
        "  train: { start: 2020-01-06, end: 2020-01-31 }",
        "  test: { start: 2020-02-03, end: 2020-02-14 }",
        "data: { source: file, path: prices.csv }",
        "features:",
        "  - type: correlation",
        "    with: ZZZ",
        "strategy: { type: buy_and_hold }",
        "",
      ].join("\n"),
    );
    expect(d).toMatchObject({
      file: join(root, "feature-with.yaml"),
      path: "/features/0/with",
      line: 8,
      col: 5,
    });
  });

  it("an instrument symbol the data lacks: backtest.instrument.symbol", async () => {
    const d = await runFailure(
      "instrument-symbol",
      [
        "name: instrument-symbol",
        "segments:",
        "  train: { start: 2020-01-06, end: 2020-01-31 }",
        "  test: { start: 2020-02-03, end: 2020-02-14 }",
        "data: { source: file, path: prices.csv }",
        "strategy: { type: buy_and_hold }",
        "backtest:",
        "  instrument:",
        "    type: future",
        "    symbol: AAB",
        "    initial_margin: 500",
        "    maintenance_margin: 400",
        "",
      ].join("\n"),
    );
    expect(d).toMatchObject({
      file: join(root, "instrument-symbol.yaml"),
      path: "/backtest/instrument/symbol",
      line: 10,
      col: 5,
    });
    expect(d.message).toMatch(/did you mean "AAA"/);
  });
});
