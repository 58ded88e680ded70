/**
 * A server whose registry lives in the tracking store (`registry.backend:
 * store`), for tests of models registered by `drlwb run` or by backtest jobs:
 * the workspace is `root`, the store `storeUrl`; calls are authenticated as
 * a researcher. Also the bars a registered rule-strategy model decides from
 * (its spec's data, loaded as the run loaded it).
 */
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { compileSpecFile } from "../../runtime/run/run-spec.js";
import { createPredictorLoader } from "../../runtime/serving/artifact-loaders.js";
import { type App, createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import type { LoadedServerConfig } from "../../server/config/load-config.js";
import { serverRegistry } from "../../server/registry-backend.js";
import { serverStore } from "../../server/store.js";
import { listen } from "./http-server.js";
import { barsOf } from "./serving-replay.js";
import { testServerConfig } from "./server-config.js";

export interface StoreRegistryServer {
  readonly url: string;
  readonly loaded: LoadedServerConfig;
  readonly app: App;
  call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function storeRegistryServer(
  root: string,
  storeUrl: string,
  overrides: Record<string, unknown> = {},
): Promise<StoreRegistryServer> {
  const secret = new TextEncoder().encode("store-registry-server".padEnd(40, "x"));
  const loaded = testServerConfig(root, {
    store: { url: storeUrl },
    registry: { backend: "store", max_staleness_ms: 0 },
    ...overrides,
  });
  // The configuration's store decides (the suite's DRLWB_STORE is for servers that name none).
  const store = serverStore(loaded.config, loaded.workspace, {});
  const app = createApp({
    registry: serverRegistry(loaded.config, loaded.workspace, store),
    store,
    secret,
    ...loaded,
    loadPredictor: createPredictorLoader(),
  });
  const server = await listen(app.app);
  const headers = {
    authorization: `Bearer ${await createToken(secret, { subject: "ann", role: "researcher" })}`,
  };
  return {
    url: server.url,
    loaded,
    app,
    async call(method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
    },
    async close() {
      await app.jobs.drain();
      await server.close();
      await app.predictionLog.close();
      await app.auditMirror.settle();
      await store.close();
    },
  };
}

/** The first `count` bars of the spec's data (a rule strategy is served from the data's first bar). */
export async function specBars(specFile: string, count: number) {
  const { spec } = compileSpecFile(specFile);
  const dataset = await loadDataset(spec.data, {
    specFile,
    ...(spec.segments ? { segments: spec.segments } : {}),
  });
  return barsOf(dataset.panel, 0, count - 1);
}
