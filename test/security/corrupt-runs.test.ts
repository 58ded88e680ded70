// Corruption: one malformed run.json must not take `drlwb runs list` down for
// every run. Before the fix a truncated run.json made `runs list`, `runs show`
// and GET /runs fail with a bare JSON SyntaxError that named no file.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StateFileError } from "../../runtime/core/state-file.js";
import { compilePlan } from "../../runtime/core/compile-plan.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { provenanceFromRunFolder } from "../../runtime/report/inputs/provenance.js";
import { executePlan } from "../../runtime/run/execute.js";
import { readRunRecord } from "../../runtime/run/run-record.js";
import { isCorrupt, listRuns, showRun } from "../../runtime/run/runs.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { runCli } from "../support/cli.js";
import { probeStage } from "../support/probe-stage.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-corrupt-"));
const runsDir = join(root, "runs");
const SECRET_TEXT = "sk_live_DO_NOT_ECHO";
let good: { id: string; dir: string }[] = [];

/** A data stage and a summing stage: enough for the real executor to write a complete run folder. */
function plan(seed: number) {
  const data = probeStage({
    kind: "data",
    type: "draws",
    inputs: [],
    config: {},
    async run(ctx) {
      const values = Array.from({ length: 4 }, () => ctx.rng.next());
      ctx.artifacts.writeJson("values.json", values);
      return { values, hash: "h", metrics: { first: values[0] ?? 0 } };
    },
  });
  const signal = probeStage({
    kind: "signal",
    type: "sum",
    inputs: ["data"],
    config: {},
    async run(_ctx, input) {
      const { values } = input.data as { values: number[] };
      return { metrics: { sum: values.reduce((a, b) => a + b, 0) } };
    },
  });
  return compilePlan({ name: `corrupt-${seed}`, seed }, { data: () => data, signal: () => signal });
}

/** A copy of a good run folder under a new name, with `file` replaced by `text`. */
function damaged(from: string, folder: string, file: string, text: string): string {
  const dir = join(runsDir, folder);
  cpSync(from, dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

beforeAll(async () => {
  const options = { runsDir, specFile: "unit.yaml", specHash: "f00d", resolvedSpecYaml: "x: 1\n" };
  good = [];
  for (const seed of [1, 2]) {
    const result = await executePlan(plan(seed), options);
    good.push({ id: result.id, dir: result.dir });
  }
  const runJson = readFileSync(join(good[0]!.dir, "run.json"), "utf8");
  damaged(good[0]!.dir, "zz-truncated", "run.json", runJson.slice(0, 40));
  damaged(good[0]!.dir, "zz-garbage", "run.json", `{ "id": "x", ${SECRET_TEXT} }`);
  damaged(good[0]!.dir, "zz-not-a-record", "run.json", `["${SECRET_TEXT}"]`);
  damaged(good[0]!.dir, "zz-empty", "run.json", "");
  damaged(
    good[0]!.dir,
    "zz-no-start",
    "run.json",
    JSON.stringify({ ...JSON.parse(runJson), startedAt: undefined, id: "zz-no-start" }),
  );
  mkdirSync(join(runsDir, "zz-dir-as-record", "run.json"), { recursive: true });
  damaged(good[1]!.dir, "zz-bad-metrics", "metrics.json", `{"sum": ${SECRET_TEXT}`);
  const record = JSON.parse(readFileSync(join(good[1]!.dir, "run.json"), "utf8")) as object;
  writeFileSync(
    join(runsDir, "zz-bad-metrics", "run.json"),
    JSON.stringify({ ...record, id: "zz-bad-metrics" }),
  );
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a corrupt run.json", () => {
  it("is listed as corrupt under its folder name while the other runs list normally", () => {
    const runs = listRuns(runsDir);
    const ok = runs.filter((r) => !isCorrupt(r));
    expect(ok.map((r) => r.id).sort()).toEqual([...good.map((g) => g.id), "zz-bad-metrics"].sort());
    expect(ok.every((r) => r.status === "complete")).toBe(true);
    const corrupt = runs.filter(isCorrupt);
    expect(corrupt.map((r) => r.id).sort()).toEqual([
      "zz-dir-as-record",
      "zz-empty",
      "zz-garbage",
      "zz-no-start",
      "zz-not-a-record",
      "zz-truncated",
    ]);
    const reason = (id: string) => corrupt.find((r) => r.id === id)?.problems[0];
    expect(reason("zz-truncated")).toEqual({
      file: "run.json",
      reason:
        "not valid JSON (unexpected end of input, the file looks truncated, line 2 column 39)",
    });
    expect(reason("zz-garbage")?.reason).toMatch(/^not valid JSON \(line 1 column \d+\)$/);
    expect(reason("zz-not-a-record")?.reason).toBe(
      'not a run record: "/" is missing or not an object',
    );
    expect(reason("zz-empty")?.reason).toBe("the file is empty");
    expect(reason("zz-no-start")?.reason).toBe(
      'not a run record: "startedAt" is missing or not a string',
    );
    expect(reason("zz-dir-as-record")?.reason).toBe("not a regular file");
    // Corrupt ones come after the good ones; never any of the file's text.
    expect(runs.slice(0, 3).every((r) => !isCorrupt(r))).toBe(true);
    expect(JSON.stringify(runs)).not.toContain(SECRET_TEXT);
  });

  it("`drlwb runs list` exits 0 and shows the corrupt runs with the file and the problem", async () => {
    const result = await runCli(["runs", "list", "--folders", "--dir", runsDir]);
    expect(result.code).toBe(0);
    for (const g of good) expect(result.stdout).toMatch(new RegExp(`${g.id}\\s+complete\\s+seed`));
    expect(result.stdout).toMatch(
      /zz-truncated\s+corrupt\s+cannot read \S*zz-truncated\/run\.json: not valid JSON \(unexpected end of input/,
    );
    expect(result.stdout).not.toContain(SECRET_TEXT);
    const json = await runCli(["runs", "list", "--folders", "--dir", runsDir, "--json"]);
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout) as { id: string; status: string }[];
    expect(listed.filter((r) => r.status === "corrupt")).toHaveLength(6);
  });

  it("`drlwb runs show` of a corrupt run says which file is corrupt and why, and exits 1", async () => {
    const result = await runCli(["runs", "show", "zz-garbage", "--dir", runsDir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("status   corrupt");
    expect(result.stdout).toMatch(
      /problem {2}cannot read \S*zz-garbage\/run\.json: not valid JSON \(line 1 column \d+\)/,
    );
    expect(result.stdout).toContain("run.json or move the run folder away");
    expect(result.stdout).not.toContain(SECRET_TEXT);
    const shown = showRun("zz-truncated", runsDir);
    expect(shown.status).toBe("corrupt");
    expect(shown.files).toContain("metrics.json");
  });

  it("shows a run whose metrics.json is corrupt, naming that file", async () => {
    const details = showRun("zz-bad-metrics", runsDir);
    expect(details.status).toBe("complete");
    expect(!isCorrupt(details) && details.problems).toEqual([
      { file: "metrics.json", reason: expect.stringMatching(/^not valid JSON/) },
    ]);
    const result = await runCli(["runs", "show", "zz-bad-metrics", "--dir", runsDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /problem {2}cannot read \S*zz-bad-metrics\/metrics\.json: not valid JSON/,
    );
    expect(result.stdout).not.toContain(SECRET_TEXT);
  });

  it("names the file in every error reading it", () => {
    const dir = join(runsDir, "zz-truncated");
    expect(() => readRunRecord(dir)).toThrow(StateFileError);
    expect(() => readRunRecord(dir)).toThrow(
      `cannot read ${join(dir, "run.json")}: not valid JSON (unexpected end of input`,
    );
  });

  it("a report of a corrupt run names run.json relative to the run folder (no server path)", () => {
    expect(() => provenanceFromRunFolder(join(runsDir, "zz-garbage"))).toThrow(
      /^cannot read run\.json: not valid JSON \(line 1 column \d+\)$/,
    );
  });

  it("GET /runs lists corrupt runs without server paths or file content", async () => {
    const loaded = testServerConfig(root, { workspace: { root, runs: "runs" } });
    const secret = new TextEncoder().encode("q".repeat(40));
    const { app } = createApp({
      registry: new ModelRegistry(loaded.workspace.registry),
      secret,
      ...loaded,
      loadPredictor: async () => {
        throw new Error("unused");
      },
    });
    const server = await listen(app);
    try {
      const token = await createToken(secret, { subject: "v", role: "viewer" });
      const res = await fetch(`${server.url}/runs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(root);
      expect(text).not.toContain(SECRET_TEXT);
      const body = JSON.parse(text) as {
        runs: { id: string; status: string; problems?: unknown }[];
      };
      expect(body.runs.filter((r) => r.status === "complete")).toHaveLength(3);
      expect(body.runs.find((r) => r.id === "zz-truncated")).toMatchObject({
        status: "corrupt",
        problems: [{ file: "run.json" }],
      });
    } finally {
      await server.close();
    }
  });
});
