/**
 * `drlwb run` of a spec with `register:` on the store registry backend, end
 * to end, on SQLite and on PostgreSQL: the register stage records the
 * version in the store `--store` names (not in DRLWB_STORE's, not in a
 * registry.json), `drlwb models list|show` on the store backend see it, and
 * a server with `registry.backend: store` on the same store serves it and
 * predicts with it from bars.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../support/cli.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { specBars, storeRegistryServer } from "../support/store-registry-server.js";

const spec = new URL("../fixtures/specs/registry/quick-register.yaml", import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), "drlwb-e2e-register-store-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const engines = [
  // The backend from the environment, the store from --store (DRLWB_STORE names another one).
  [
    "SQLite",
    async (ws: string) => `sqlite:${join(ws, "drlwb.db")}`,
    (): string[] => {
      vi.stubEnv("DRLWB_REGISTRY_BACKEND", "store");
      return [];
    },
  ],
  // Both from flags.
  [
    "PostgreSQL",
    async () => postgres.createDatabase("e2e_register"),
    (): string[] => ["--registry-backend", "store"],
  ],
] as const;

describe.each(engines)(
  "drlwb run with register: on the store backend (%s)",
  (_engine, storeOf, backendArgs) => {
    it("registers into the store, models list/show see the version, the server serves and predicts it", async () => {
      const ws = mkdtempSync(join(root, "ws-"));
      const registryDir = join(ws, "registry");
      const storeUrl = await storeOf(ws);
      vi.stubEnv("DRLWB_REGISTRY", registryDir);
      const run = await runCli([
        "run",
        spec,
        "--out",
        join(ws, "runs"),
        "--store",
        storeUrl,
        ...backendArgs(),
        "--json",
      ]);
      expect(run.code, run.stderr).toBe(0);
      const runId = (JSON.parse(run.stdout) as { id: string }).id;
      expect(existsSync(join(registryDir, "registry.json"))).toBe(false);
      vi.unstubAllEnvs();

      const flags = ["--registry", registryDir, "--store", storeUrl, "--registry-backend", "store"];
      const listed = await runCli(["models", "list", ...flags, "--json"]);
      expect(listed.code, listed.stderr).toBe(0);
      const models = JSON.parse(listed.stdout) as {
        name: string;
        aliases: Record<string, number>;
        versions: { version: number; lineage: { runId: string } }[];
      }[];
      expect(models.map((m) => [m.name, m.aliases, m.versions.map((v) => v.version)])).toEqual([
        ["goog-sma", { champion: 1 }, [1]],
      ]);
      expect(models[0]?.versions[0]?.lineage.runId).toBe(runId);
      const shown = await runCli(["models", "show", "goog-sma", "champion", ...flags, "--json"]);
      expect(shown.code, shown.stderr).toBe(0);
      const version = JSON.parse(shown.stdout) as {
        version: number;
        tags: Record<string, string>;
        metrics: Record<string, number>;
      };
      expect(version.version).toBe(1);
      expect(Object.entries(version.tags)).toEqual([
        ["source", "fixture"],
        ["signal", "strategy"],
      ]);
      expect(Number.isFinite(version.metrics["strategy.sharpeRatio"])).toBe(true);
      // The lowdb backend on the same folder has nothing: the metadata is in the store.
      const lowdb = await runCli(["models", "list", "--registry", registryDir, "--json"]);
      expect(JSON.parse(lowdb.stdout)).toEqual([]);

      const server = await storeRegistryServer(ws, storeUrl);
      try {
        const list = await server.call("GET", "/models");
        expect(list.status, list.text).toBe(200);
        expect(list.body.models).toEqual([
          expect.objectContaining({ name: "goog-sma", aliases: { champion: 1 }, latestVersion: 1 }),
        ]);
        const served = await server.call("GET", "/models/goog-sma/versions/champion");
        expect(served.status, served.text).toBe(200);
        const signature = served.body.signature as { kind: string; bars: { minimum: number } };
        expect(signature.kind).toBe("strategy");
        const bars = await specBars(spec, signature.bars.minimum + 5);
        const predicted = await server.call("POST", "/models/goog-sma/predict", { bars });
        expect(predicted.status, predicted.text).toBe(200);
        expect(predicted.body).toMatchObject({ model: "goog-sma", version: 1 });
        const target = (predicted.body.targets as Record<string, number>).GOOG;
        expect(target !== undefined && Number.isFinite(target) && Math.abs(target) <= 1).toBe(true);
      } finally {
        await server.close();
      }
    }, 180_000);
  },
);
