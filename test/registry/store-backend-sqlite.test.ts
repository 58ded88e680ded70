/** The registry backend contract on the tracking store over SQLite (metadata in the store, artifacts in the folder). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { defineRegistryBackendContract } from "./backend-contract.js";

const base = mkdtempSync(join(tmpdir(), "drlwb-store-backend-sqlite-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

defineRegistryBackendContract("store on SQLite", {
  scratch: () => base,
  fresh: async () => {
    const root = mkdtempSync(join(base, "registry-"));
    const url = `sqlite:${join(root, "drlwb.db")}`;
    const store = await openStore({ config: resolveStoreConfig({ url }), baseDir: root, env: {} });
    return {
      backend: registryBackend({ kind: "store", root, store, ownsStore: true }),
      workerArgs: ["store", root, url],
    };
  },
});
