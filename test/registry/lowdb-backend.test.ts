/** The registry backend contract on the embedded default: registry.json (lowdb) under the registry folder. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { defineRegistryBackendContract } from "./backend-contract.js";

const base = mkdtempSync(join(tmpdir(), "drlwb-lowdb-backend-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

defineRegistryBackendContract("lowdb", {
  scratch: () => base,
  fresh: async () => {
    const root = mkdtempSync(join(base, "registry-"));
    return { backend: registryBackend({ kind: "lowdb", root }), workerArgs: ["lowdb", root, "-"] };
  },
});
