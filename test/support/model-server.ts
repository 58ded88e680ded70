import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createAgentPredictorLoader } from "../../runtime/serving/agent-predictor.js";
import { type App, createApp } from "../../server/app.js";
import { serverStore } from "../../server/store.js";
import type { WorkspaceDirs } from "../../server/config/load-config.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "./http-server.js";
import { testServerConfig } from "./server-config.js";
import { trainedArtifact } from "./trained-model.js";

export interface ModelServer {
  readonly url: string;
  readonly workspace: WorkspaceDirs;
  readonly registry: ModelRegistry;
  /** `authorization: Bearer …` of an admin token. */
  readonly admin: Record<string, string>;
  /** The app: its tracking store, prediction log, metrics. */
  readonly app: App;
  /** Stops the server and removes the workspace and the artifacts. */
  close(): Promise<void>;
}

/**
 * The real server on a free loopback port over a fresh workspace, with
 * briefly trained CartPole models registered (`maxAbsWeight` adds a
 * position_limits rule to that model's artifact). `overrides` are
 * configuration keys, checked by the schema.
 */
export async function startModelServer(options: {
  readonly prefix: string;
  readonly overrides?: Record<string, unknown>;
  readonly models: readonly { name: string; maxAbsWeight?: number; aliases?: string[] }[];
}): Promise<ModelServer> {
  const root = mkdtempSync(join(tmpdir(), options.prefix));
  const secret = new TextEncoder().encode(`${options.prefix}-secret`.padEnd(40, "x"));
  const loaded = testServerConfig(root, options.overrides ?? {});
  const registry = new ModelRegistry(loaded.workspace.registry);
  const artifacts: string[] = [];
  for (const model of options.models) {
    const artifact = await trainedArtifact(
      model.maxAbsWeight === undefined ? {} : { maxAbsWeight: model.maxAbsWeight },
    );
    artifacts.push(artifact);
    registry.registerModel({
      name: model.name,
      sourceDir: artifact,
      ...(model.aliases ? { aliases: model.aliases } : {}),
    });
  }
  const created = createApp({
    registry,
    secret,
    ...loaded,
    // The configuration's `store` decides (the suite's DRLWB_STORE is for servers that name none).
    store: serverStore(loaded.config, loaded.workspace, {}),
    loadPredictor: createAgentPredictorLoader(),
  });
  const server = await listen(created.app);
  const token = await createToken(secret, { subject: "tester", role: "admin" });
  return {
    url: server.url,
    workspace: loaded.workspace,
    registry,
    admin: { authorization: `Bearer ${token}` },
    app: created,
    async close() {
      await server.close();
      // Logged predictions drain into the store before it closes (as drainServer does).
      await created.predictionLog.close();
      await created.auditMirror.settle();
      await created.store.close();
      rmSync(root, { recursive: true, force: true });
      for (const dir of artifacts) rmSync(dir, { recursive: true, force: true });
    },
  };
}
