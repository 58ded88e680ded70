/**
 * The registry backend contract (runtime/registry/backend.ts): one suite, run
 * by test/registry/*-backend*.test.ts against lowdb, the store on SQLite and
 * the store on PostgreSQL. Every backend numbers versions the same way, moves
 * aliases, searches, compares, deletes and collects artifacts alike, refuses
 * the same names with the same catalog messages, and gives distinct
 * consecutive versions to concurrent registering processes.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { storeArtifact, storedArtifacts } from "../../runtime/registry/artifacts.js";
import type { RegistryBackend } from "../../runtime/registry/backend.js";

export interface OpenedRegistry {
  readonly backend: RegistryBackend;
  /** How another process opens the same registry: [kind, root, store URL or "-"]. */
  readonly workerArgs: readonly string[];
}

export interface RegistryContractSubject {
  /** A temp folder the suite may write artifact sources into (removed by the caller). */
  readonly scratch: () => string;
  /** A new, empty registry. */
  readonly fresh: () => Promise<OpenedRegistry>;
}

const workerScript = join(import.meta.dirname, "fixtures", "backend-register-worker.ts");

function runWorker(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error("expected the call to be refused");
  return outcome;
}

export function defineRegistryBackendContract(
  label: string,
  subject: RegistryContractSubject,
): void {
  describe(`registry backend contract: ${label}`, () => {
    const opened: RegistryBackend[] = [];
    afterEach(async () => {
      for (const backend of opened.splice(0)) await backend.close();
    });
    const fresh = async (): Promise<OpenedRegistry> => {
      const registry = await subject.fresh();
      opened.push(registry.backend);
      return registry;
    };
    const artifact = (content: string): string => {
      const dir = mkdtempSync(join(subject.scratch(), "art-"));
      mkdirSync(join(dir, "model"));
      writeFileSync(join(dir, "model", "weights.bin"), content);
      writeFileSync(join(dir, "spec.yaml"), "name: x\n");
      return dir;
    };

    it("numbers versions 1, 2, … per model, stores content-addressed artifacts, keeps lineage", async () => {
      const { backend: reg } = await fresh();
      const v1 = await reg.registerModel({
        name: "spy-ppo",
        sourceDir: artifact("a"),
        lineage: { runId: "r1", specHash: "s", dataHash: "d", seed: 42 },
        metrics: { sharpe: 0.8 },
        description: "first",
        aliases: ["challenger"],
      });
      const v2 = await reg.registerModel({
        name: "spy-ppo",
        sourceDir: artifact("a"),
        metrics: { sharpe: 1.1 },
        lineage: { parentVersion: 1 },
      });
      const v3 = await reg.registerModel({ name: "spy-ppo", sourceDir: artifact("b") });
      const other = await reg.registerModel({ name: "other", sourceDir: artifact("c") });
      expect([v1.version, v2.version, v3.version, other.version]).toEqual([1, 2, 3, 1]);
      expect(v1.artifact).toBe(v2.artifact);
      expect(v3.artifact).not.toBe(v1.artifact);
      expect(readFileSync(join(reg.artifactDir(v3), "model", "weights.bin"), "utf8")).toBe("b");
      expect((await reg.getVersion("spy-ppo", "challenger")).version).toBe(1);
      expect((await reg.getVersion("spy-ppo", "latest")).version).toBe(3);
      expect((await reg.getVersion("spy-ppo", "2")).version).toBe(2);
      const first = await reg.getVersion("spy-ppo", 1);
      expect(first.lineage).toEqual({ runId: "r1", specHash: "s", dataHash: "d", seed: 42 });
      expect(first.description).toBe("first");
      expect(first.metrics).toEqual({ sharpe: 0.8 });
      expect(first.artifactBytes).toBe(1 + "name: x\n".length);
      expect((await reg.listModels()).map((m) => [m.name, m.versions.length])).toEqual([
        ["other", 1],
        ["spy-ppo", 3],
      ]);
      expect(await reg.countModels()).toBe(2);
    });

    it("moves and removes aliases, tags models and versions, compares and searches", async () => {
      const { backend: reg } = await fresh();
      await reg.registerModel({
        name: "m",
        sourceDir: artifact("1"),
        metrics: { sharpe: 0.5, cagr: 0.1 },
      });
      await reg.registerModel({
        name: "m",
        sourceDir: artifact("2"),
        metrics: { sharpe: 1.25 },
        tags: { stage: "prod" },
      });
      await reg.registerModel({ name: "n", sourceDir: artifact("3"), metrics: { sharpe: 2 } });
      expect((await reg.setAlias("m", "champion", 1)).version).toBe(1);
      expect((await reg.setAlias("m", "champion", "latest")).version).toBe(2);
      await reg.setAlias("m", "challenger", "champion");
      expect((await reg.getModel("m")).aliases).toEqual({ champion: 2, challenger: 2 });
      await reg.removeAlias("m", "challenger");
      expect((await reg.getModel("m")).aliases).toEqual({ champion: 2 });
      expect((await reg.getVersion("m", "champion")).version).toBe(2);

      await reg.setTag("m", undefined, "owner", "quant team");
      await reg.setTag("m", 1, "stage", "staging");
      await reg.setTag("m", 1, "stage", "archived");
      expect((await reg.getModel("m")).tags).toEqual({ owner: "quant team" });
      expect((await reg.getVersion("m", 1)).tags).toEqual({ stage: "archived" });

      const cmp = await reg.compareVersions("m", 1, "champion");
      expect(cmp).toEqual({
        name: "m",
        a: 1,
        b: 2,
        metrics: [
          { metric: "cagr", a: 0.1, b: null, diff: null },
          { metric: "sharpe", a: 0.5, b: 1.25, diff: 0.75 },
        ],
      });
      const found = await reg.searchVersions({ metric: { metric: "sharpe", op: ">", value: 1 } });
      expect(found.map((r) => [r.name, r.version.version])).toEqual([
        ["m", 2],
        ["n", 1],
      ]);
      expect(
        (
          await reg.searchVersions({
            name: "m",
            metric: { metric: "sharpe", op: "<=", value: 1.25 },
          })
        ).map((r) => r.version.version),
      ).toEqual([1, 2]);
      expect(
        (await reg.searchVersions({ tag: { key: "stage", value: "prod" } })).map((r) => [
          r.name,
          r.version.version,
        ]),
      ).toEqual([["m", 2]]);
      expect(
        (await reg.searchVersions({ tag: { key: "stage" } })).map((r) => r.version.version),
      ).toEqual([1, 2]);
    });

    it("deletes versions and models, removing only artifacts no version references", async () => {
      const { backend: reg } = await fresh();
      const root = reg.root;
      const a = await reg.registerModel({ name: "m", sourceDir: artifact("same") });
      await reg.registerModel({ name: "m", sourceDir: artifact("same") });
      const c = await reg.registerModel({
        name: "m",
        sourceDir: artifact("other"),
        aliases: ["champion"],
        tags: { k: "v" },
      });
      await reg.registerModel({ name: "keeper", sourceDir: artifact("kept") });
      expect(await reg.delete("m", 1)).toEqual({ removedVersions: [1], freedArtifacts: 0 });
      expect(existsSync(reg.artifactDir(a))).toBe(true); // still used by version 2
      expect((await reg.delete("m", "champion")).freedArtifacts).toBe(1);
      expect(existsSync(reg.artifactDir(c))).toBe(false);
      expect((await reg.getModel("m")).aliases).toEqual({});
      // The number after the highest remaining version, as the lowdb registry has always done.
      const again = await reg.registerModel({ name: "m", sourceDir: artifact("third") });
      expect(again.version).toBe(3);
      expect(again.tags).toEqual({});
      expect(await reg.delete("m")).toEqual({ removedVersions: [2, 3], freedArtifacts: 2 });
      await expect(reg.getModel("m")).rejects.toThrow(/no registered model "m"/);
      expect(storedArtifacts(root)).toHaveLength(1); // keeper's
      expect((await reg.listModels()).map((m) => m.name)).toEqual(["keeper"]);
      // A model registered again after deletion starts over at 1.
      expect((await reg.registerModel({ name: "m", sourceDir: artifact("x") })).version).toBe(1);
    });

    it("collects unreferenced artifacts and stale leftovers, keeping young ones and referenced ones", async () => {
      const { backend: reg } = await fresh();
      const kept = await reg.registerModel({ name: "m", sourceDir: artifact("kept") });
      const orphan = storeArtifact(reg.root, artifact("orphan")).hash;
      const later = Date.now() + 60_000;
      expect((await reg.gc()).removed).toEqual([]); // younger than the default hour
      const dry = await reg.gc({ minAgeMs: 1000, now: later, dryRun: true });
      expect(dry.removed.map((r) => r.path)).toEqual([`artifacts/${orphan.slice(0, 2)}/${orphan}`]);
      expect(storedArtifacts(reg.root).sort()).toEqual([kept.artifact, orphan].sort());
      const report = await reg.gc({ minAgeMs: 1000, now: later });
      expect(report.removed.map((r) => r.kind)).toEqual(["artifact"]);
      expect(storedArtifacts(reg.root)).toEqual([kept.artifact]);
    });

    it("explains unknown models and versions with what exists", async () => {
      const { backend: reg } = await fresh();
      await reg.registerModel({ name: "spy-ppo", sourceDir: artifact("x"), aliases: ["champion"] });
      const missing = await rejection(reg.getModel("spy-pop"));
      expect(isUserError(missing)).toBe(true);
      expect(missing.message).toMatch(/no registered model "spy-pop"; did you mean "spy-ppo"\?/);
      await expect(reg.getVersion("spy-ppo", 7)).rejects.toThrow(
        /has no version or alias "7"; it has: 1, champion/,
      );
      await expect(reg.setAlias("spy-ppo", "best", 9)).rejects.toThrow(/no version or alias "9"/);
      await expect(reg.removeAlias("spy-ppo", "nope")).rejects.toThrow(
        /no version or alias "nope"/,
      );
      await expect(reg.delete("spy-pop")).rejects.toThrow(/did you mean "spy-ppo"/);
      await expect(reg.compareVersions("spy-ppo", 1, 2)).rejects.toThrow(/"2"/);
      await expect(reg.setTag("nobody", undefined, "k", "v")).rejects.toThrow(
        /no registered model "nobody"/,
      );
      expect((await reg.getModel("spy-ppo")).versions).toHaveLength(1);
    });

    it("refuses bad and reserved names before writing anything", async () => {
      const { backend: reg } = await fresh();
      await reg.registerModel({ name: "ok", sourceDir: artifact("x") });
      const refused = [
        reg.registerModel({ name: "Bad Name", sourceDir: artifact("x") }),
        reg.registerModel({ name: "__proto__", sourceDir: artifact("x") }),
        reg.registerModel({ name: "constructor", sourceDir: artifact("x") }),
        reg.registerModel({ name: "ok", sourceDir: artifact("x"), aliases: ["__proto__"] }),
        reg.registerModel({ name: "ok", sourceDir: artifact("x"), aliases: ["latest"] }),
        reg.registerModel({ name: "ok", sourceDir: artifact("x"), tags: { constructor: "v" } }),
        reg.setAlias("ok", "9lives", 1),
        reg.setAlias("ok", "constructor", 1),
        reg.setTag("ok", 1, "__proto__", "x"),
        reg.setTag("ok", undefined, "toString", "x"),
      ];
      for (const call of refused) expect(isUserError(await rejection(call))).toBe(true);
      await expect(reg.setAlias("ok", "9lives", 1)).rejects.toThrow(/alias "9lives" is not valid/);
      await expect(
        reg.registerModel({ name: "__proto__", sourceDir: artifact("x") }),
      ).rejects.toThrow(/model name "__proto__" is reserved/);
      // Reading a reserved name finds nothing (never Object.prototype).
      for (const name of ["__proto__", "constructor", "hasOwnProperty"]) {
        const error = await rejection(reg.getModel(name));
        expect(isUserError(error)).toBe(true);
        expect(error.message).toContain("no registered model");
      }
      await expect(reg.getVersion("ok", "constructor")).rejects.toThrow(/no version or alias/);
      await expect(reg.getVersion("ok", "__proto__")).rejects.toThrow(/no version or alias/);
      const model = await reg.getModel("ok");
      expect(model.versions.map((v) => v.version)).toEqual([1]);
      expect(model.aliases).toEqual({});
      expect(model.tags).toEqual({});
      expect(await reg.countModels()).toBe(1);
    });

    it("keeps aliases, tags and metrics in the order they were first set, as registry.json does", async () => {
      const { backend: reg } = await fresh();
      const v1 = await reg.registerModel({
        name: "m",
        sourceDir: artifact("1"),
        metrics: { zeta: 1, alpha: 2, mid: 3 },
        tags: { zeta: "z", alpha: "a", mid: "m" },
        aliases: ["zulu", "alpha"],
      });
      expect(Object.keys(v1.tags)).toEqual(["zeta", "alpha", "mid"]);
      await reg.registerModel({ name: "m", sourceDir: artifact("2") });
      const first = await reg.getVersion("m", 1);
      expect(Object.keys(first.metrics)).toEqual(["zeta", "alpha", "mid"]);
      expect(Object.entries(first.tags)).toEqual([
        ["zeta", "z"],
        ["alpha", "a"],
        ["mid", "m"],
      ]);
      expect(Object.keys((await reg.getModel("m")).aliases)).toEqual(["zulu", "alpha"]);
      // A new alias goes last; a moved one keeps its place; one removed and set again goes last.
      await reg.setAlias("m", "beta", 1);
      await reg.setAlias("m", "zulu", 2);
      expect(Object.entries((await reg.getModel("m")).aliases)).toEqual([
        ["zulu", 2],
        ["alpha", 1],
        ["beta", 1],
      ]);
      await reg.removeAlias("m", "alpha");
      await reg.setAlias("m", "alpha", 2);
      expect(Object.keys((await reg.getModel("m")).aliases)).toEqual(["zulu", "beta", "alpha"]);
      // Tags alike, for the model and for a version: a changed value keeps its key's place.
      await reg.setTag("m", undefined, "zz", "1");
      await reg.setTag("m", undefined, "aa", "2");
      await reg.setTag("m", undefined, "zz", "3");
      await reg.setTag("m", 1, "aaa", "new");
      await reg.setTag("m", 1, "zeta", "changed");
      const model = await reg.getModel("m");
      expect(Object.entries(model.tags)).toEqual([
        ["zz", "3"],
        ["aa", "2"],
      ]);
      expect(Object.entries((await reg.getVersion("m", 1)).tags)).toEqual([
        ["zeta", "changed"],
        ["alpha", "a"],
        ["mid", "m"],
        ["aaa", "new"],
      ]);
      const listed = (await reg.listModels())[0];
      expect(Object.keys(listed?.aliases ?? {})).toEqual(["zulu", "beta", "alpha"]);
      expect(Object.keys(listed?.versions[0]?.tags ?? {})).toEqual(["zeta", "alpha", "mid", "aaa"]);
    });

    it("refuses a metric that is not a finite number, writing nothing (JSON has no NaN)", async () => {
      const { backend: reg } = await fresh();
      await reg.registerModel({ name: "m", sourceDir: artifact("kept"), metrics: { sharpe: 1 } });
      const before = storedArtifacts(reg.root);
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const error = await rejection(
          reg.registerModel({
            name: "m",
            sourceDir: artifact(`bad-${bad}`),
            metrics: { cagr: 0.1, sharpe: bad },
          }),
        );
        expect(isUserError(error)).toBe(true);
        expect(error.message).toContain(`metric "sharpe" is ${bad}`);
      }
      // The registry still reads, with nothing added.
      const model = await reg.getModel("m");
      expect(model.versions.map((v) => [v.version, v.metrics])).toEqual([[1, { sharpe: 1 }]]);
      expect(storedArtifacts(reg.root)).toEqual(before);
      expect((await reg.registerModel({ name: "m", sourceDir: artifact("next") })).version).toBe(2);
    });

    it("gives concurrent registering processes distinct consecutive versions, losing none", async () => {
      const { backend: reg, workerArgs } = await fresh();
      const workers = 4;
      const each = 12;
      const results = await Promise.all(
        Array.from({ length: workers }, (_, i) =>
          runWorker([...workerArgs, "race", String(each), String(i)]),
        ),
      );
      for (const r of results) expect(r).toEqual({ code: 0, stderr: "" });
      const model = await reg.getModel("race");
      expect(model.versions.map((v) => v.version)).toEqual(
        Array.from({ length: workers * each }, (_, i) => i + 1),
      );
      const perWorker = new Map<string, number[]>();
      for (const v of model.versions) {
        const list = perWorker.get(v.tags.worker ?? "?") ?? [];
        list.push(v.metrics.item ?? -1);
        perWorker.set(v.tags.worker ?? "?", list);
      }
      expect([...perWorker.keys()].sort()).toEqual(["0", "1", "2", "3"]);
      for (const items of perWorker.values())
        expect(items).toEqual(Array.from({ length: each }, (_, i) => i));
      expect(new Set(model.versions.map((v) => v.artifact)).size).toBe(workers * each);
    }, 120_000);
  });
}
