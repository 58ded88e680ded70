/**
 * The server's model cache (server/model-cache.ts) over a real registry and the real agent
 * predictor loader: versions load once, "latest"/champion resolution, a failed load is retried,
 * and an alias that moves keeps answering with the old version until the new one has loaded.
 * The loader is the real one, wrapped so the test decides when a load may finish.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import type { Predictor, PredictorLoader } from "../../runtime/serving/predictor.js";
import { ModelCache } from "../../server/model-cache.js";
import { trainedArtifact } from "../support/trained-model.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-model-cache-"));
const artifacts: string[] = [];
let registry: ModelRegistry;

beforeAll(async () => {
  registry = new ModelRegistry(join(root, "registry"));
  const artifact = await trainedArtifact();
  artifacts.push(artifact);
  for (let i = 0; i < 3; i++) registry.registerModel({ name: "cart", sourceDir: artifact });
  registry.registerModel({ name: "pole", sourceDir: artifact, aliases: ["champion"] });
  registry.registerModel({ name: "pole", sourceDir: artifact });
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  for (const dir of artifacts) rmSync(dir, { recursive: true, force: true });
});

/** The real loader, counting its calls, each load held until `release(version)`. */
function gatedLoader() {
  const real = createAgentPredictorLoader();
  const calls: string[] = [];
  const gates = new Map<string, () => void>();
  const waiting = new Map<string, Promise<void>>();
  const gate = (key: string) => {
    let open = () => {};
    waiting.set(key, new Promise<void>((resolve) => (open = resolve)));
    gates.set(key, open);
  };
  const load: PredictorLoader = async (input) => {
    const key = `${input.name}@${input.version}`;
    calls.push(key);
    await waiting.get(key);
    return real(input);
  };
  return { load, calls, gate, release: (key: string) => gates.get(key)?.() };
}

const observation = [[0.01, -0.02, 0.03, 0.01]];
const actionOf = (p: Predictor) => p.predict(observation, { deterministic: true }).actions[0];

describe("ModelCache", () => {
  it("loads each version once and reports its load time", async () => {
    const loader = gatedLoader();
    const loads: [string, number, number][] = [];
    const cache = new ModelCache(registry, loader.load, (name, version, seconds) =>
      loads.push([name, version, seconds]),
    );
    const [a, b] = await Promise.all([cache.get("cart", 2), cache.get("cart", 2)]);
    expect(a).toBe(b);
    expect(a.version).toBe(2);
    expect(a.observationSize).toBe(4);
    expect([0, 1]).toContain(actionOf(a));
    expect(await cache.get("cart", 2)).toBe(a);
    expect(loader.calls).toEqual(["cart@2"]);
    expect(loads).toHaveLength(1);
    expect(loads[0]?.slice(0, 2)).toEqual(["cart", 2]);
    expect(loads[0]?.[2]).toBeGreaterThan(0);
    expect(cache.loadedVersions()).toEqual(["cart@2"]);
  });

  it("serves the champion when there is one, else the latest version, and aliases by name", async () => {
    const cache = new ModelCache(registry, createAgentPredictorLoader());
    expect((await cache.get("cart")).version).toBe(3);
    expect((await cache.get("cart", "latest")).version).toBe(3);
    expect((await cache.get("pole")).version).toBe(1);
    expect((await cache.get("pole", "latest")).version).toBe(2);
    expect(cache.loadedVersions()).toEqual(["cart@3", "pole@1", "pole@2"]);
  });

  it("refuses unknown models and versions with the registry's user error, loading nothing", async () => {
    const loader = gatedLoader();
    const cache = new ModelCache(registry, loader.load);
    await expect(cache.get("nope")).rejects.toThrow(/no registered model/);
    await expect(cache.get("cart", 9)).rejects.toThrow(/has no version/);
    await expect(cache.get("cart", "staging")).rejects.toThrow(/has no version|alias/);
    expect(loader.calls).toEqual([]);
  });

  it("forgets a failed load, so the next request tries again", async () => {
    const real = createAgentPredictorLoader();
    let failures = 1;
    const calls: number[] = [];
    const cache = new ModelCache(registry, async (input) => {
      calls.push(input.version);
      if (failures-- > 0) throw new Error("disk hiccup");
      return real(input);
    });
    await expect(cache.get("cart", "latest")).rejects.toThrow("disk hiccup");
    expect(cache.loadedVersions()).toEqual([]);
    expect((await cache.get("cart", "latest")).version).toBe(3);
    expect(calls).toEqual([3, 3]);
  });

  it("keeps serving the old version while a moved alias's new version loads, then swaps", async () => {
    const moving = new ModelRegistry(join(root, "registry"));
    moving.setAlias("cart", "live", 1);
    const loader = gatedLoader();
    const cache = new ModelCache(moving, loader.load);
    const first = await cache.get("cart", "live");
    expect(first.version).toBe(1);

    moving.setAlias("cart", "live", 2);
    loader.gate("cart@2");
    // While version 2 loads, every request is answered at once by version 1.
    for (let i = 0; i < 3; i++) expect(await cache.get("cart", "live")).toBe(first);
    expect(loader.calls).toEqual(["cart@1", "cart@2"]);

    loader.release("cart@2");
    await expect.poll(async () => (await cache.get("cart", "live")).version).toBe(2);
    expect(loader.calls).toEqual(["cart@1", "cart@2"]);
  });

  it("with nothing loaded yet for an alias, waits for its first load", async () => {
    const loader = gatedLoader();
    const cache = new ModelCache(registry, loader.load);
    loader.gate("pole@1");
    const pending = cache.get("pole", "champion");
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    loader.release("pole@1");
    expect((await pending).version).toBe(1);
  });
});
