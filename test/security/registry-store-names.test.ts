/**
 * The registry in the tracking store (runtime/registry/store-backend.ts) takes
 * user-chosen names (model names from URLs, aliases, tag keys and values,
 * descriptions, lineage) only as bound values, never as SQL text: strings
 * made to break out of a quoted literal are stored and found verbatim, and
 * every table is intact afterwards — on SQLite and on PostgreSQL.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const base = mkdtempSync(join(tmpdir(), "drlwb-registry-sql-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(base, { recursive: true, force: true });
});

const HOSTILE = [
  "x'; drop table model_versions; --",
  `a" or "1"="1`,
  "'); delete from models where ('1'='1",
  "\\'; select pg_sleep(10); --",
];

function artifact(content: string): string {
  const dir = mkdtempSync(join(base, "art-"));
  mkdirSync(join(dir, "model"));
  writeFileSync(join(dir, "model", "w.bin"), content);
  return dir;
}

describe.each(["sqlite", "postgres"] as const)("registry names on %s", (engine) => {
  it("stores hostile tags, descriptions and lineage verbatim and finds nothing for hostile model names", async () => {
    const root = mkdtempSync(join(base, `${engine}-`));
    const url =
      engine === "sqlite"
        ? `sqlite:${join(root, "drlwb.db")}`
        : await postgres.createDatabase("names");
    const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });
    const reg = registryBackend({ kind: "store", root, store, ownsStore: true });
    try {
      const tags = Object.fromEntries(HOSTILE.map((h, i) => [h, `${h}#${i}`]));
      await reg.registerModel({
        name: "safe",
        sourceDir: artifact("1"),
        description: HOSTILE[0],
        lineage: { runId: HOSTILE[1], specHash: HOSTILE[2] },
        metrics: { [HOSTILE[3]!]: 1.5 },
        tags,
      });
      await reg.setTag("safe", undefined, HOSTILE[0]!, HOSTILE[2]!);
      const version = await reg.getVersion("safe", 1);
      expect(version.tags).toEqual(tags);
      expect(version.description).toBe(HOSTILE[0]);
      expect(version.lineage).toEqual({ runId: HOSTILE[1], specHash: HOSTILE[2] });
      expect(version.metrics).toEqual({ [HOSTILE[3]!]: 1.5 });
      expect((await reg.getModel("safe")).tags).toEqual({ [HOSTILE[0]!]: HOSTILE[2] });
      expect(
        (await reg.searchVersions({ tag: { key: HOSTILE[0]!, value: `${HOSTILE[0]}#0` } })).map(
          (r) => r.version.version,
        ),
      ).toEqual([1]);
      for (const name of HOSTILE) {
        // Reads: not found (what a URL segment would reach); writes: refused by the name check.
        const read = await reg.getModel(name).catch((e: unknown) => e);
        expect(isUserError(read)).toBe(true);
        const write = await reg
          .registerModel({ name, sourceDir: artifact("2") })
          .catch((e: unknown) => e);
        expect(isUserError(write)).toBe(true);
        const version = await reg.getVersion("safe", name).catch((e: unknown) => e);
        expect(isUserError(version)).toBe(true);
      }
      // Every table still there and whole.
      expect(await reg.countModels()).toBe(1);
      expect((await reg.listModels()).map((m) => m.versions.length)).toEqual([1]);
    } finally {
      await reg.close();
    }
  });
});
