/**
 * `drlwb models …` with DRLWB_REGISTRY_BACKEND=store (cli/open-registry.ts):
 * the commands read and change the registry's metadata in the tracking store
 * named by `--store`, the artifacts in `--registry`; an unknown backend name
 * is refused with exit 2.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { runCli } from "../support/cli.js";
import { trainedArtifact } from "../support/trained-model.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-cli-models-store-"));
const registryDir = join(root, "registry");
const storeUrl = `sqlite:${join(root, "drlwb.db")}`;
const flags = ["--registry", registryDir, "--store", storeUrl];
const artifacts: string[] = [];

beforeAll(async () => {
  const store = await openStore({
    config: resolveStoreConfig({ url: storeUrl }),
    baseDir: root,
    env: {},
  });
  const registry = registryBackend({ kind: "store", root: registryDir, store, ownsStore: true });
  for (const [steps, sharpe] of [
    [undefined, 0.5],
    [256, 0.9],
  ] as const) {
    const artifact = await trainedArtifact(steps === undefined ? {} : { steps });
    artifacts.push(artifact);
    await registry.registerModel({ name: "cart", sourceDir: artifact, metrics: { sharpe } });
  }
  await registry.close();
}, 120_000);
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  for (const dir of artifacts) rmSync(dir, { recursive: true, force: true });
});

describe("drlwb models with the store backend", () => {
  it("lists, shows, aliases, compares and deletes through the tracking store", async () => {
    vi.stubEnv("DRLWB_REGISTRY_BACKEND", "store");
    const listed = await runCli(["models", "list", ...flags, "--json"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)[0].versions).toHaveLength(2);
    const alias = await runCli(["models", "alias", "cart", "champion", "2", ...flags]);
    expect(alias.stdout).toBe("cart@champion → version 2\n");
    const shown = JSON.parse(
      (await runCli(["models", "show", "cart", "champion", ...flags, "--json"])).stdout,
    );
    expect(shown.version).toBe(2);
    const cmp = JSON.parse(
      (await runCli(["models", "compare", "cart", "1", "champion", ...flags, "--json"])).stdout,
    );
    expect(cmp.metrics[0].diff).toBeCloseTo(0.4, 12);
    const missing = await runCli(["models", "show", "crat", ...flags]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('did you mean "cart"');
    const deleted = JSON.parse(
      (await runCli(["models", "delete", "cart", "1", ...flags, "--json"])).stdout,
    );
    expect(deleted).toEqual({ removedVersions: [1], freedArtifacts: 1 });
    // The lowdb registry in the same folder was never written: the metadata is in the store.
    expect(existsSync(join(registryDir, "registry.json"))).toBe(false);
    vi.unstubAllEnvs();
    const lowdb = await runCli(["models", "list", "--registry", registryDir, "--json"]);
    expect(JSON.parse(lowdb.stdout)).toEqual([]);
  });

  it("refuses an unknown backend name with exit 2", async () => {
    vi.stubEnv("DRLWB_REGISTRY_BACKEND", "mongo");
    const result = await runCli(["models", "list", ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DRLWB_REGISTRY_BACKEND "mongo" is not a registry backend');
  });
});
