import type { Server } from "node:http";
import pino from "pino";
import { createApp } from "../../server/app.js";
import { loadSigningSecret } from "../../server/auth/secret.js";
import { loadServerConfig } from "../../server/config/load-config.js";
import { ModelRegistry } from "../registry/index.js";
import { readCodeVersion } from "../run/code-version.js";
import { runSpec } from "../run/run-spec.js";
import { createAgentPredictorLoader } from "../serving/agent-predictor.js";
import { type CliIO, EXIT, type ExitCode } from "./io.js";

export interface ServeOptions {
  /** Server configuration file (YAML); flags override its keys. */
  readonly config?: string;
  readonly workspace?: string;
  readonly port?: number;
  readonly host?: string;
  readonly registry?: string;
  readonly runs?: string;
  readonly specs?: string;
  readonly rateLimit?: number;
}

/** The flags as configuration keys (undefined ones leave the file's value or the default). */
function flagOverrides(options: ServeOptions): Record<string, unknown> {
  const workspace = {
    ...(options.workspace !== undefined ? { root: options.workspace } : {}),
    ...(options.registry !== undefined ? { registry: options.registry } : {}),
    ...(options.runs !== undefined ? { runs: options.runs } : {}),
    ...(options.specs !== undefined ? { specs: options.specs } : {}),
  };
  return {
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(Object.keys(workspace).length > 0 ? { workspace } : {}),
    ...(options.rateLimit !== undefined
      ? { http: { rate_limit_per_minute: options.rateLimit } }
      : {}),
  };
}

/** Starts the server; resolves with the listening server (tests) and keeps running until a signal. */
export async function startServer(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const loaded = loadServerConfig(options.config, flagOverrides(options));
  const { config, workspace } = loaded;
  const registry = new ModelRegistry(workspace.registry, 250);
  const { app } = createApp({
    registry,
    secret: loadSigningSecret(registry.root),
    loadPredictor: createAgentPredictorLoader(),
    runSpec: (file, opts) => runSpec(file, { ...opts }),
    ...loaded,
    logger: pino({ base: { service: "drlwb" } }),
    version: readCodeVersion().version,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return { server, url: `http://${config.host}:${port}` };
}

/** `drlwb serve [--config FILE] [--port] [--host]`: the prediction and registry server. */
export async function serveCommand(options: ServeOptions, io: CliIO): Promise<ExitCode> {
  const { server, url } = await startServer(options);
  io.stderr.write(`drlwb server listening on ${url} (docs: ${url}/docs)\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return EXIT.ok;
}
