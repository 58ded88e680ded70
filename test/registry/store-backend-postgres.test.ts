/**
 * The registry backend contract on the tracking store over PostgreSQL (a
 * throw-away cluster): the multi-host registry, one database per test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { defineRegistryBackendContract } from "./backend-contract.js";

const base = mkdtempSync(join(tmpdir(), "drlwb-store-backend-pg-"));
let postgres: PostgresInstance;
let databases = 0;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  rmSync(base, { recursive: true, force: true });
});

defineRegistryBackendContract("store on PostgreSQL", {
  scratch: () => base,
  fresh: async () => {
    const root = mkdtempSync(join(base, "registry-"));
    const url = await postgres.createDatabase(`registry_${++databases}`);
    const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });
    return {
      backend: registryBackend({ kind: "store", root, store, ownsStore: true }),
      workerArgs: ["store", root, url],
    };
  },
});
