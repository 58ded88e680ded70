/**
 * End to end on the multi-asset agent example: `specs/portfolio-ppo.yaml`
 * (dev overlay: a short PPO training) runs into a scratch folder, and its
 * report shows every section issue 16 asks of a multi-asset agent report;
 * `drlwb report <run>` rebuilds it from the stage files.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportCommand } from "../../cli/report.js";
import { runSpec } from "../../runtime/run/run-spec.js";

let work: string;
let runDir: string;
let html: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "drlwb-portfolio-e2e-"));
  const run = await runSpec("specs/portfolio-ppo.yaml", {
    runsDir: join(work, "runs"),
    env: "dev",
    environ: { ...process.env, DRLWB_REGISTRY: join(work, "registry") },
  });
  if (run.status !== "complete") throw run.error;
  runDir = run.dir;
  html = readFileSync(join(runDir, "report.html"), "utf8");
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const sectionOf = (id: string): string => {
  const start = html.indexOf(`<section id="${id}"`);
  return start < 0 ? "" : html.slice(start, html.indexOf("</section>", start));
};

describe("multi-asset agent report (specs/portfolio-ppo.yaml)", () => {
  it("keeps weights.csv and positions.csv in the run folder", () => {
    for (const f of ["weights.csv", "positions.csv"]) {
      const text = readFileSync(join(runDir, "stages", "backtest", f), "utf8");
      for (const s of ["DAX", "SMI", "CAC", "FTSE", "cash"]) expect(text).toContain(`,${s},`);
    }
  });

  it("opens with the verdict and the seeds' table (mean ± std, IQM on train/valid/test)", () => {
    const sections = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(sections[0]).toBe("kpis");
    const kpis = sectionOf("kpis");
    expect(kpis).toMatch(/ppo (beat|did NOT beat) buy_and_hold .*on the test segment/);
    expect(kpis).toContain("after risk overlay");
    expect(kpis).toContain("before risk overlay");
    expect(kpis).toContain("IQM");
    for (const segment of ["train", "valid", "test"]) expect(kpis).toContain(segment);
  });

  it("shows allocations (stacked areas of held and target weights) and per-asset contribution", () => {
    const allocations = sectionOf("allocations");
    for (const id of [
      "chart-allocations-actual",
      "chart-allocations-target",
      "chart-asset-contribution",
    ])
      expect(allocations).toContain(`id="${id}"`);
    for (const s of ["DAX", "SMI", "CAC", "FTSE"]) expect(allocations).toContain(s);
  });

  it("shows drawdown periods, risk episodes, grouped statistics, scenarios and the provenance appendix", () => {
    expect(sectionOf("drawdown")).toContain("Worst 5 drawdown periods");
    expect(sectionOf("risk_events")).toContain('id="chart-risk-episodes"');
    const statistics = sectionOf("statistics");
    for (const group of [
      "Returns",
      "Risk",
      "Risk-adjusted",
      "Trades",
      "Benchmark-relative",
      "Tail",
    ])
      expect(statistics).toContain(`<caption>${group}`);
    expect(sectionOf("scenarios")).toContain('id="chart-scenario-analysis"');
    expect(sectionOf("provenance")).toContain("Appendix: provenance");
    expect(html).not.toContain('<section id="price"');
  });

  it("`drlwb report <run>` rebuilds the same HTML from the stage files", async () => {
    expect(existsSync(join(runDir, "stages", "report", "tear-sheet.json"))).toBe(false);
    const out = join(work, "rebuilt.html");
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(await reportCommand(runDir, { out }, io)).toBe(0);
    // run.json has its finish time only after the report stage ran.
    const finished = /\s*<tr><td class="">finished<\/td><td class="">[^<]*<\/td><\/tr>/;
    expect(readFileSync(out, "utf8").replace(finished, "")).toBe(html);
  });
});
