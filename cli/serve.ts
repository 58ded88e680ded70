import type { Server } from "node:http";
import pino from "pino";
import { type App, createApp } from "../server/app.js";
import type { JobPool } from "../server/jobs/job-pool.js";
import { type ServerStore, serverStore } from "../server/store.js";
import { serverRegistry } from "../server/registry-backend.js";
import { loadSigningSecret } from "../server/auth/secret.js";
import { loadServerConfig } from "../server/config/load-config.js";
import { readCodeVersion } from "../runtime/run/code-version.js";
import { createAgentPredictorLoader } from "../runtime/serving/agent-predictor.js";
import { messages } from "../runtime/messages/index.js";
import { cliMessages } from "../runtime/messages/cli.js";
import { type CliIO, EXIT, type ExitCode } from "./io.js";
import { SIGNAL_EXIT, type StopSignalName } from "../runtime/run/stop-signals.js";

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
  /** Print where the server listens as JSON on stdout. */
  readonly json?: boolean;
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

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly jobs: JobPool;
  /** `http.shutdown_timeout_ms`: how long in-flight requests get when draining. */
  readonly shutdownTimeoutMs: number;
  /** The tracking store, closed when the server drains. */
  readonly store: ServerStore;
  /** The prediction log and the audit rows, drained into the store before it closes. */
  readonly tracking: Pick<App, "predictionLog" | "auditMirror">;
}

/** Starts the server; resolves with the listening server (tests) and keeps running until a signal. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const loaded = loadServerConfig(options.config, flagOverrides(options));
  const { config, workspace } = loaded;
  // One tracking store for the routes and, with `registry.backend: store`, the registry.
  const store = serverStore(config, workspace);
  const registry = serverRegistry(config, workspace, store);
  const logger = pino({ base: { service: "drlwb" } });
  const { app, jobs, predictionLog, auditMirror } = createApp({
    registry,
    store,
    secret: loadSigningSecret(registry.root),
    loadPredictor: createAgentPredictorLoader(),
    ...loaded,
    logger,
    version: readCodeVersion().version,
  });
  // The tracking store opens (and migrates) now rather than on the first request; one that is
  // down or damaged is reported and tried again on first use, and the server serves meanwhile.
  await store
    .get()
    .catch((error: unknown) =>
      logger.warn(
        { store: error instanceof Error ? error.message : String(error) },
        "tracking store unavailable",
      ),
    );
  let server: Server;
  try {
    server = await new Promise((resolve, reject) => {
      // Express 5 passes a listen failure (EADDRINUSE, EACCES, …) to this callback.
      const s = app.listen(config.port, config.host, (error?: Error) =>
        error ? reject(error) : resolve(s),
      );
    });
  } catch (error) {
    await jobs.drain();
    await store.close();
    throw listenFailure(error, config.host, config.port);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return {
    server,
    url: `http://${config.host}:${port}`,
    jobs,
    store,
    tracking: { predictionLog, auditMirror },
    shutdownTimeoutMs: config.http.shutdown_timeout_ms,
  };
}

/** How often idle keep-alive connections are closed while draining. */
const IDLE_SWEEP_MS = 50;

/**
 * Drains a running server: stops accepting connections, lets in-flight
 * requests finish (connections still open after `timeoutMs` are closed),
 * cancels running and queued jobs (their workers get SIGTERM, SIGKILL after
 * `jobs.kill_grace_ms`; they are reported `interrupted`), and resolves when
 * the server is closed and every worker has exited.
 */
export async function drainServer(
  running: Pick<RunningServer, "server" | "jobs"> & {
    readonly store?: ServerStore;
    readonly tracking?: RunningServer["tracking"];
  },
  timeoutMs: number,
): Promise<void> {
  const { server } = running;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
  const jobsStopped = running.jobs.drain();
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  await jobsStopped;
  // Logged predictions and audit rows still in memory go to the store before it closes.
  await running.tracking?.predictionLog.close();
  await running.tracking?.auditMirror.settle();
  await running.store?.close();
}

/**
 * Resolves with the first SIGINT or SIGTERM; a second one exits the process
 * at once with its code (130/143). One handler for both, installed once, so
 * no signal ever finds the default action in between.
 */
function firstStopSignal(): Promise<StopSignalName> {
  return new Promise((resolve) => {
    let received = false;
    const on = (name: StopSignalName) => () => {
      if (received) process.exit(SIGNAL_EXIT[name]);
      received = true;
      resolve(name);
    };
    process.on("SIGINT", on("SIGINT"));
    process.on("SIGTERM", on("SIGTERM"));
  });
}

/** The port is taken, privileged or not on this machine: a message saying which, not a stack trace. */
export class ListenError extends Error {}

const LISTEN_MESSAGES = new Map([
  ["EADDRINUSE", cliMessages.portInUse],
  ["EACCES", cliMessages.portDenied],
  ["EADDRNOTAVAIL", cliMessages.addressUnavailable],
]);

function listenFailure(error: unknown, host: string, port: number): unknown {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  const message = LISTEN_MESSAGES.get(code);
  return message ? new ListenError(message(host, port)) : error;
}

/** `drlwb serve [--config FILE] [--port] [--host]`: the prediction and registry server. */
export async function serveCommand(options: ServeOptions, io: CliIO): Promise<ExitCode> {
  let running: RunningServer;
  try {
    running = await startServer(options);
  } catch (error) {
    if (!(error instanceof ListenError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT.failure;
  }
  const { url } = running;
  // One JSON line, like the request log lines that follow it on stdout.
  if (options.json)
    io.stdout.write(
      `${JSON.stringify({ url, docs: `${url}/docs`, openapi: `${url}/openapi.json` })}\n`,
    );
  else io.stderr.write(`${cliMessages.serverListening(url)}\n`);
  // A second signal exits at once; workers see their IPC channel close and stop their runs.
  const first = await firstStopSignal();
  io.stderr.write(`${messages.jobs.draining(first, running.shutdownTimeoutMs)}\n`);
  await drainServer(running, running.shutdownTimeoutMs);
  io.stderr.write(`${messages.jobs.drained()}\n`);
  return EXIT.ok;
}
