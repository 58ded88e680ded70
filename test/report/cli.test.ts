import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareCommand } from "../../cli/compare.js";
import type { CliIO } from "../../cli/io.js";
import { reportCommand } from "../../cli/report.js";
import { isUserError } from "../../runtime/core/errors.js";
import { tearSheetToJson } from "../../runtime/report/serialize.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";

function bufferIO(): CliIO & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: { write: (t: string) => out.push(t) > 0 },
    stderr: { write: (t: string) => out.push(t) > 0 },
  };
}

function fakeRun(root: string, id: string, seed: number, withReport = true): string {
  const dir = join(root, id);
  mkdirSync(join(dir, "stages", "report"), { recursive: true });
  writeFileSync(
    join(dir, "run.json"),
    JSON.stringify({
      id,
      name: id,
      seed,
      startedAt: `2026-01-0${seed}T00:00:00Z`,
      status: "complete",
      pid: 1,
      stages: [],
      code: {},
    }),
  );
  if (withReport) {
    writeFileSync(
      join(dir, "stages", "report", "tear-sheet.json"),
      tearSheetToJson(syntheticTearSheetInput({ seed, title: id })),
    );
  }
  return dir;
}

describe("drlwb report / compare command functions", () => {
  const root = mkdtempSync(join(tmpdir(), "drlwb-report-cli-"));
  const a = fakeRun(root, "20260101-000000-a-111111", 1);
  const b = fakeRun(root, "20260102-000000-b-222222", 2);
  const broken = fakeRun(root, "20260103-000000-c-333333", 3, false);

  it("re-renders a run's tear sheet from its folder, by path or id prefix", async () => {
    const io = bufferIO();
    expect(await reportCommand(a, {}, io)).toBe(0);
    const html = readFileSync(join(a, "report.html"), "utf8");
    expect(html).toContain("20260101-000000-a-111111");
    expect(io.out.join("")).toContain("report →");
    const out = join(root, "b.html");
    expect(await reportCommand("20260102", { runsDir: root, out, sections: ["equity"] }, io)).toBe(
      0,
    );
    expect([...readFileSync(out, "utf8").matchAll(/<section id="/g)]).toHaveLength(1);
  });

  it("writes the PDF next to the HTML with --pdf", async () => {
    const io = bufferIO();
    const out = join(root, "pdf", "a.html");
    expect(await reportCommand(a, { pdf: "compact", out }, io)).toBe(0);
    expect(
      readFileSync(join(root, "pdf", "a.pdf"))
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("says what is missing for a run without report data", async () => {
    await expect(reportCommand(broken, {}, bufferIO())).rejects.toSatisfy(
      (e: unknown) => isUserError(e) && /backtest\.json is missing/.test((e as Error).message),
    );
  });

  it("old run folders: rendered from their tear-sheet.json, else a clear error saying to re-run", async () => {
    // A folder from before the report kept its prices: backtest files, no prices.csv, no tear-sheet.json.
    const old = fakeRun(root, "20260104-000000-d-444444", 4, false);
    mkdirSync(join(old, "stages", "backtest"), { recursive: true });
    writeFileSync(join(old, "stages", "backtest", "backtest.json"), "{}");
    await expect(reportCommand(old, {}, bufferIO())).rejects.toSatisfy(
      (e: unknown) =>
        isUserError(e) &&
        /older version/.test((e as Error).message) &&
        /re-run its spec/.test((e as Error).message),
    );
    // With its tear-sheet.json (what the report stage wrote then), it renders from that.
    writeFileSync(
      join(old, "stages", "report", "tear-sheet.json"),
      tearSheetToJson(syntheticTearSheetInput({ seed: 4, title: "old run" })),
    );
    expect(await reportCommand(old, {}, bufferIO())).toBe(0);
    expect(readFileSync(join(old, "report.html"), "utf8")).toContain("old run");
  });

  it("compares two runs into one HTML file", async () => {
    const io = bufferIO();
    const out = join(root, "cmp.html");
    expect(await compareCommand([a, b], { out }, io)).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("20260101-000000-a-111111 vs 20260102-000000-b-222222");
    expect(existsSync(out)).toBe(true);
    await expect(compareCommand([a], {}, io)).rejects.toSatisfy(isUserError);
  });
});
