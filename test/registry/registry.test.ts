import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { storedArtifacts } from "../../runtime/registry/artifacts.js";
import { ModelRegistry } from "../../runtime/registry/index.js";

function artifact(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "drlwb-art-"));
  mkdirSync(join(dir, "model"));
  writeFileSync(join(dir, "model", "weights.bin"), content);
  writeFileSync(join(dir, "spec.yaml"), "name: x\n");
  return dir;
}

const workerScript = join(import.meta.dirname, "fixtures", "register-worker.ts");
function runWorker(root: string, name: string, count: number, id: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", workerScript, root, name, String(count), String(id)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const done = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  return { child, done };
}

describe("ModelRegistry", () => {
  it("numbers versions from 1, stores content-addressed artifacts and records lineage", () => {
    const reg = new ModelRegistry(mkdtempSync(join(tmpdir(), "drlwb-reg-")));
    const v1 = reg.registerModel({
      name: "spy-ppo",
      sourceDir: artifact("a"),
      lineage: { runId: "r1", specHash: "s", dataHash: "d", seed: 42 },
      metrics: { sharpe: 0.8 },
      aliases: ["challenger"],
    });
    const v2 = reg.registerModel({
      name: "spy-ppo",
      sourceDir: artifact("a"),
      metrics: { sharpe: 1.1 },
      lineage: { parentVersion: 1 },
    });
    const v3 = reg.registerModel({
      name: "spy-ppo",
      sourceDir: artifact("b"),
      metrics: { sharpe: 0.9 },
    });
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(v1.artifact).toBe(v2.artifact); // same content, same artifact
    expect(v3.artifact).not.toBe(v1.artifact);
    expect(readFileSync(join(reg.artifactDir(v3), "model", "weights.bin"), "utf8")).toBe("b");
    expect(reg.getVersion("spy-ppo", "challenger").version).toBe(1);
    expect(reg.getVersion("spy-ppo", "latest").version).toBe(3);
    expect(reg.getVersion("spy-ppo", 1).lineage).toEqual({
      runId: "r1",
      specHash: "s",
      dataHash: "d",
      seed: 42,
    });
  });

  it("moves aliases, compares versions, searches by metric and tag", () => {
    const reg = new ModelRegistry(mkdtempSync(join(tmpdir(), "drlwb-reg-")));
    reg.registerModel({ name: "m", sourceDir: artifact("1"), metrics: { sharpe: 0.5, cagr: 0.1 } });
    reg.registerModel({
      name: "m",
      sourceDir: artifact("2"),
      metrics: { sharpe: 1.25 },
      tags: { stage: "prod" },
    });
    reg.setAlias("m", "champion", 1);
    reg.setAlias("m", "champion", 2);
    expect(reg.getModel("m").aliases).toEqual({ champion: 2 });
    const cmp = reg.compareVersions("m", 1, "champion");
    expect(cmp.metrics).toEqual([
      { metric: "cagr", a: 0.1, b: null, diff: null },
      { metric: "sharpe", a: 0.5, b: 1.25, diff: 0.75 },
    ]);
    expect(
      reg
        .searchVersions({ metric: { metric: "sharpe", op: ">", value: 1 } })
        .map((r) => r.version.version),
    ).toEqual([2]);
    expect(
      reg.searchVersions({ tag: { key: "stage", value: "prod" } }).map((r) => r.version.version),
    ).toEqual([2]);
  });

  it("deletes versions and collects unreferenced artifacts only", () => {
    const root = mkdtempSync(join(tmpdir(), "drlwb-reg-"));
    const reg = new ModelRegistry(root);
    const a = reg.registerModel({ name: "m", sourceDir: artifact("same") });
    reg.registerModel({ name: "m", sourceDir: artifact("same") });
    const c = reg.registerModel({ name: "m", sourceDir: artifact("other"), aliases: ["champion"] });
    expect(reg.delete("m", 1)).toEqual({ removedVersions: [1], freedArtifacts: 0 });
    expect(existsSync(reg.artifactDir(a))).toBe(true); // still used by version 2
    expect(reg.delete("m", "champion").freedArtifacts).toBe(1);
    expect(existsSync(reg.artifactDir(c))).toBe(false);
    expect(reg.getModel("m").aliases).toEqual({});
    expect(reg.delete("m").removedVersions).toEqual([2]);
    expect(storedArtifacts(root)).toEqual([]);
  });

  it("explains bad names, unknown models and unknown versions", () => {
    const reg = new ModelRegistry(mkdtempSync(join(tmpdir(), "drlwb-reg-")));
    reg.registerModel({ name: "spy-ppo", sourceDir: artifact("x") });
    expect(() => reg.registerModel({ name: "Bad Name", sourceDir: artifact("x") })).toThrow(
      UserError,
    );
    expect(() => reg.getModel("spy-pop")).toThrow(/did you mean "spy-ppo"/);
    expect(() => reg.getVersion("spy-ppo", 7)).toThrow(/has no version or alias "7"; it has: 1/);
    expect(() => reg.setAlias("spy-ppo", "9lives", 1)).toThrow(/alias "9lives" is not valid/);
  });

  it("loses and duplicates nothing with 8 processes × 200 registrations", async () => {
    const root = mkdtempSync(join(tmpdir(), "drlwb-reg-"));
    const workers = Array.from({ length: 8 }, (_, i) => runWorker(root, "race", 200, i));
    const codes = await Promise.all(workers.map((w) => w.done));
    expect(codes).toEqual(Array(8).fill(0));
    const model = new ModelRegistry(root).getModel("race");
    expect(model.versions.map((v) => v.version)).toEqual(
      Array.from({ length: 1600 }, (_, i) => i + 1),
    );
    const perWorker = new Map<string, number[]>();
    for (const v of model.versions) {
      const list = perWorker.get(v.tags.worker!) ?? [];
      list.push(v.metrics.item!);
      perWorker.set(v.tags.worker!, list);
    }
    for (const items of perWorker.values())
      expect(items).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(new Set(model.versions.map((v) => v.artifact)).size).toBe(1600);
  }, 240_000);

  it("stays valid when a writer is killed with SIGKILL mid-run, and the others carry on", async () => {
    const root = mkdtempSync(join(tmpdir(), "drlwb-reg-"));
    const victim = runWorker(root, "killed", 100_000, 99);
    const others = [1, 2].map((i) => runWorker(root, "survivor", 100, i));
    // Let the victim register for a while, then kill it without warning.
    await new Promise<void>((res) => {
      const poll = setInterval(() => {
        if (existsSync(join(root, "registry.json"))) {
          const versions = new ModelRegistry(root).read().models.killed?.versions.length ?? 0;
          if (versions >= 20) {
            clearInterval(poll);
            res();
          }
        }
      }, 20);
    });
    victim.child.kill("SIGKILL");
    await victim.done;
    expect(await Promise.all(others.map((o) => o.done))).toEqual([0, 0]);
    const reg = new ModelRegistry(root);
    const data = JSON.parse(readFileSync(join(root, "registry.json"), "utf8"));
    expect(data.format).toBe(1);
    const killed = reg.getModel("killed").versions.map((v) => v.version);
    expect(killed).toEqual(Array.from({ length: killed.length }, (_, i) => i + 1));
    expect(reg.getModel("survivor").versions).toHaveLength(200);
    // The lock the victim may have held is taken over: a new write goes through.
    expect(reg.registerModel({ name: "after", sourceDir: artifact("z") }).version).toBe(1);
  }, 120_000);
});
