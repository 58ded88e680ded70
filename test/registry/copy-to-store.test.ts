/**
 * Copying a lowdb registry (registry.json) into the store backend
 * (runtime/registry/copy-to-store.ts), on SQLite and PostgreSQL: the store
 * backend then reads exactly what lowdb reads (same JSON, same key order),
 * copying again copies nothing, what the store changed since is kept, later
 * lowdb additions are copied incrementally, and a version number the store
 * already uses for another artifact stops the copy with nothing written.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { copyRegistryToStore } from "../../runtime/registry/copy-to-store.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const base = mkdtempSync(join(tmpdir(), "drlwb-copy-to-store-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(base, { recursive: true, force: true });
});

let sources = 0;
function artifact(content: string): string {
  const dir = join(base, `src-${++sources}`);
  mkdirSync(join(dir, "model"), { recursive: true });
  writeFileSync(join(dir, "model", "weights.bin"), content);
  return dir;
}

const engines = [
  ["SQLite", async (root: string) => `sqlite:${join(root, "drlwb.db")}`],
  ["PostgreSQL", async () => postgres.createDatabase("copy_registry")],
] as const;

describe.each(engines)("copying registry.json into the store on %s", (_engine, urlOf) => {
  it("reads back the same, copies again nothing, keeps the store's changes, adds later ones, stops on a conflict", async () => {
    const root = mkdtempSync(join(base, "registry-"));
    const lowdb = new ModelRegistry(root);
    lowdb.registerModel({
      name: "alpha",
      sourceDir: artifact("a1"),
      description: "first",
      lineage: { runId: "r1", specHash: "s", seed: 3 },
      metrics: { zeta: 1, alpha: 2 },
      tags: { zeta: "z", alpha: "a" },
      aliases: ["champion"],
    });
    lowdb.registerModel({ name: "alpha", sourceDir: artifact("a2") });
    lowdb.registerModel({ name: "alpha", sourceDir: artifact("a3"), metrics: { sharpe: 1.5 } });
    lowdb.delete("alpha", 2);
    lowdb.setAlias("alpha", "challenger", 3);
    lowdb.setTag("alpha", undefined, "owner", "desk");
    lowdb.setTag("alpha", undefined, "area", "eq");
    lowdb.registerModel({ name: "beta", sourceDir: artifact("b1"), aliases: ["zz", "aa"] });

    const store = await openStore({
      config: resolveStoreConfig({ url: await urlOf(root) }),
      baseDir: root,
      env: {},
    });
    const backend = registryBackend({ kind: "store", root, store, ownsStore: true });
    try {
      const first = await copyRegistryToStore(lowdb.listModels(), store, root);
      expect(first).toEqual({
        models: { copied: 2, present: 0, kept: 0 },
        versions: { copied: 3, present: 0, kept: 0 },
        aliases: { copied: 4, present: 0, kept: 0 },
        tags: { copied: 4, present: 0, kept: 0 },
        missingArtifacts: [],
      });
      // Exactly what lowdb reads: numbers (with the gap), times, lineage, metrics, key order.
      expect(JSON.stringify(await backend.listModels())).toBe(JSON.stringify(lowdb.listModels()));

      const again = await copyRegistryToStore(lowdb.listModels(), store, root);
      expect(again.versions).toEqual({ copied: 0, present: 3, kept: 0 });
      expect(again.aliases).toEqual({ copied: 0, present: 4, kept: 0 });
      expect(again.tags).toEqual({ copied: 0, present: 4, kept: 0 });
      expect(JSON.stringify(await backend.listModels())).toBe(JSON.stringify(lowdb.listModels()));

      // Changed in the store after the copy: kept; numbering goes on after the copied versions.
      await backend.setAlias("alpha", "champion", 3);
      await backend.setTag("alpha", undefined, "owner", "risk");
      const third = await copyRegistryToStore(lowdb.listModels(), store, root);
      expect(third.aliases.kept).toBe(1);
      expect(third.tags.kept).toBe(1);
      expect((await backend.getModel("alpha")).aliases.champion).toBe(3);
      expect((await backend.getModel("alpha")).tags.owner).toBe("risk");
      const next = await backend.registerModel({ name: "alpha", sourceDir: artifact("s4") });
      expect(next.version).toBe(4);

      // Later lowdb additions: a new model is copied; lowdb's own version 4 clashes with the store's.
      lowdb.registerModel({ name: "gamma", sourceDir: artifact("g1") });
      lowdb.registerModel({ name: "alpha", sourceDir: artifact("l4") });
      const refused = await copyRegistryToStore(lowdb.listModels(), store, root).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isUserError(refused)).toBe(true);
      expect((refused as Error).message).toContain("alpha version 4");
      expect((await backend.listModels()).map((m) => m.name)).toEqual(["alpha", "beta"]);
      lowdb.delete("alpha", 4);
      const incremental = await copyRegistryToStore(lowdb.listModels(), store, root);
      expect(incremental.models.copied).toBe(1);
      expect(incremental.versions.copied).toBe(1);
      expect((await backend.getModel("gamma")).versions.map((v) => v.version)).toEqual([1]);
    } finally {
      await backend.close();
    }
  }, 120_000);
});
