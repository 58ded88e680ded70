import type { Server } from "node:http";
import pino from "pino";
import { createApp } from "../../server/app.js";
import { loadSigningSecret } from "../../server/auth/secret.js";
import { ModelRegistry } from "../registry/index.js";
import { readCodeVersion } from "../run/code-version.js";
import { runSpec } from "../run/run-spec.js";
import { createAgentPredictorLoader } from "../serving/agent-predictor.js";
import { type CliIO, EXIT, type ExitCode } from "./io.js";

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly registry?: string;
  readonly runs?: string;
  readonly specs?: string;
  readonly rateLimit?: number;
}

/** Starts the server; resolves with the listening server (tests) and keeps running until a signal. */
export async function startServer(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const registry = new ModelRegistry(options.registry, 250);
  const { app } = createApp({
    registry,
    secret: loadSigningSecret(registry.root),
    loadPredictor: createAgentPredictorLoader(),
    runSpec: (file, opts) => runSpec(file, { ...opts }),
    ...(options.runs ? { runsDir: options.runs } : {}),
    ...(options.specs ? { specsDir: options.specs } : {}),
    ...(options.rateLimit ? { rateLimitPerMinute: options.rateLimit } : {}),
    logger: pino({ base: { service: "drlwb" } }),
    version: readCodeVersion().version,
  });
  const host = options.host ?? "127.0.0.1";
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 8080, host, () => resolve(s));
    s.on("error", reject);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return { server, url: `http://${host}:${port}` };
}

/** `drlwb serve [--port] [--host]`: the prediction and registry server, default 127.0.0.1:8080. */
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
