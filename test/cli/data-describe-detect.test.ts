/**
 * `drlwb data describe <file>` reads a file by what its header offers (issue
 * 15: a close-only CSV was refused for a missing "open" column): close-only
 * files are read with `closes_only`, `Close`/`Adj Close` headers are mapped,
 * a table without a close column is read wide (one close column per symbol),
 * and the output suggests the `data:` keys a spec needs — which, used as a
 * `kind: data` spec, describe the same dataset.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { detectColumns } from "../../runtime/data/csv/detect-columns.js";
import { runCli } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-describe-detect-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const file = join(root, name);
  writeFileSync(file, text);
  return file;
}

const DAYS = ["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"];

describe("detectColumns", () => {
  it("needs closes_only when open, high, low or volume has no column", () => {
    expect(detectColumns(["date", "close"])).toEqual({
      layout: "long",
      closesOnly: true,
      columns: {},
      missing: ["open", "high", "low", "volume"],
      symbols: [],
    });
    expect(detectColumns(["timestamp", "open", "high", "low", "close", "volume"])).toMatchObject({
      layout: "long",
      closesOnly: false,
      missing: [],
    });
  });

  it("maps headers equal up to case and punctuation, and a timestamp the loader would not find", () => {
    expect(
      detectColumns(["DATE", "Open", "High", "Low", "Close", "Adj Close", "Volume"]).columns,
    ).toEqual({
      timestamp: "DATE",
      open: "Open",
      high: "High",
      low: "Low",
      close: "Close",
      adj_close: "Adj Close",
      volume: "Volume",
    });
  });

  it("reads a table without a close column as wide closes", () => {
    expect(detectColumns(["date", "SPY", "QQQ"])).toMatchObject({
      layout: "wide_close",
      symbols: ["SPY", "QQQ"],
    });
  });
});

describe("drlwb data describe <file>", () => {
  it("describes a close-only CSV and suggests closes_only", async () => {
    const file = csv(
      "closes.csv",
      `date,close\n${DAYS.map((d, i) => `${d},${100 + i}`).join("\n")}\n`,
    );
    const text = await runCli(["data", "describe", file]);
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("rows     4 (4 bars × 1 symbol)");
    expect(text.stdout).toContain("no open/high/low/volume column: read as closes only");
    expect(text.stdout).toContain(`data: { source: file, path: ${file}, closes_only: true }`);

    const json = await runCli(["data", "describe", file, "--json"]);
    expect(json.code).toBe(0);
    const described = JSON.parse(json.stdout) as { hash: string; suggestedData: object };
    expect(described.suggestedData).toEqual({ source: "file", path: file, closes_only: true });

    // The suggestion works as a spec's data section: same dataset.
    const spec = join(root, "closes-data.yaml");
    writeFileSync(spec, stringify({ kind: "data", ...described.suggestedData }));
    const viaSpec = await runCli(["data", "describe", spec, "--json"]);
    expect(viaSpec.code, viaSpec.stdout).toBe(0);
    expect((JSON.parse(viaSpec.stdout) as { hash: string }).hash).toBe(described.hash);
  });

  it("maps a Yahoo-style header and reads a wide table", async () => {
    const yahoo = csv(
      "yahoo.csv",
      `Date,Open,High,Low,Close,Adj Close,Volume\n${DAYS.map((d) => `${d},1,2,0.5,1.5,1.4,100`).join("\n")}\n`,
    );
    const mapped = await runCli(["data", "describe", yahoo, "--json"]);
    expect(mapped.code, mapped.stdout).toBe(0);
    expect(
      (JSON.parse(mapped.stdout) as { suggestedData: { columns: object } }).suggestedData,
    ).toMatchObject({ columns: { close: "Close", adj_close: "Adj Close", open: "Open" } });

    const wide = csv("wide.csv", `date,SPY,QQQ\n${DAYS.map((d) => `${d},1,2`).join("\n")}\n`);
    const read = await runCli(["data", "describe", wide]);
    expect(read.code, read.stdout).toBe(0);
    expect(read.stdout).toContain("symbols  SPY, QQQ");
    expect(read.stdout).toContain("layout: wide_close");
  });
});
