/**
 * Entry of a job worker process (forked by server/jobs/job-pool.ts): receives
 * one `run` message, runs the spec with the runtime's `runSpec`, reports
 * `started` / `finished` / `failed`, and exits. SIGTERM (cancel, time limit,
 * server shutdown) stops the run at its next safe point and marks it
 * interrupted; a second SIGTERM exits at once. A server that goes away
 * (IPC channel closed) counts as SIGTERM.
 */
import { handleStopSignals, markInterruptedNow } from "../../runtime/run/stop-signals.js";
import { jobsMessages } from "../../runtime/messages/jobs.js";
import { runSpec } from "../../runtime/run/run-spec.js";
import { type Diagnostic, isUserError } from "../../runtime/core/errors.js";
import { describeError, presentDiagnostics } from "../../runtime/spec/policy-errors.js";
import { cliSpecPolicy, parseSpecPolicy, type SpecPolicy } from "../../runtime/spec/spec-policy.js";
import type { ApiBacktestRequest } from "../../runtime/spec/types.generated.js";
import { parseRunMessage, type WorkerMessage, type WorkerTask } from "./worker-protocol.js";
import { DEFAULT_RUNS_DIR } from "../../runtime/run/runs.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { lazyRunIndex } from "../../runtime/store/runs-index.js";
import {
  type OpenRegistry,
  REGISTRY_BACKEND_KINDS,
  type RegistryBackendKind,
} from "../../runtime/registry/backend.js";
import { registryBackend } from "../../runtime/registry/open-backend.js";
import { type JobStore, parseJobStore, redactedRunIndex } from "./job-store.js";

/** A job's run options: the request's `seed` and `env` (api.schema.json), and what the server adds. */
type TaskOptions = Pick<ApiBacktestRequest, "seed" | "env"> & {
  runsDir?: string;
  policy?: SpecPolicy;
  store?: JobStore;
  /** The server's registry backend: `store` registers through `store`, as the server reads it. */
  registryBackend?: RegistryBackendKind;
};

/** The route's options as runSpec options: each known field checked; a malformed one is an error. */
function taskOptions(options: WorkerTask["options"]): TaskOptions {
  const out: TaskOptions = {};
  const { seed, env, runsDir, policy, store, registryBackend } = options;
  if (seed !== undefined) {
    if (typeof seed !== "number" || !Number.isSafeInteger(seed)) throw new TypeError("task seed");
    out.seed = seed;
  }
  if (env !== undefined) {
    if (typeof env !== "string") throw new TypeError("task env");
    out.env = env;
  }
  if (runsDir !== undefined) {
    if (typeof runsDir !== "string") throw new TypeError("task runsDir");
    out.runsDir = runsDir;
  }
  if (policy !== undefined) out.policy = parseSpecPolicy(policy);
  if (store !== undefined) out.store = parseJobStore(store);
  if (registryBackend !== undefined) {
    const kind = REGISTRY_BACKEND_KINDS.find((k) => k === registryBackend);
    if (kind === undefined || (kind === "store" && out.store === undefined))
      throw new TypeError("task registryBackend");
    out.registryBackend = kind;
  }
  return out;
}

/**
 * The server's store-backed registry, for the register stage: the job's
 * store (closed by the worker, not the backend). A store that cannot be
 * opened fails the registration with a message that names no host, user,
 * password or path (the job's error is read by any viewer).
 */
function jobRegistry(openJobStore: () => Promise<TrackingStore>): OpenRegistry {
  return async (root) => {
    try {
      await openJobStore();
    } catch {
      // Not the driver's text: it names the store's URL, user or host.
      throw new Error(jobsMessages.registryStoreUnavailable());
    }
    return registryBackend({ kind: "store", root, store: openJobStore });
  };
}

/** A spec error's diagnostics as the submitter may see them (workspace-relative files). */
function specProblems(error: unknown, policy: SpecPolicy): { diagnostics?: Diagnostic[] } {
  if (!isUserError(error) || error.diagnostics.length === 0) return {};
  return { diagnostics: presentDiagnostics(error.diagnostics, policy) };
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function runTask(task: WorkerTask): Promise<void> {
  const stop = handleStopSignals(() => {});
  let runDir: string | undefined;
  stop.onForcedExit(() => markInterruptedNow(runDir));
  let policy: SpecPolicy = cliSpecPolicy();
  let opened: Promise<TrackingStore> | undefined;
  try {
    const { store, registryBackend, ...options } = taskOptions(task.options);
    policy = options.policy ?? policy;
    // One store for the run's index and the registry, opened on first use (never from the environment).
    const openJobStore = store
      ? () => {
          opened ??= openStore({ config: store.config, baseDir: store.baseDir, env: {} });
          return opened;
        }
      : undefined;
    // The run's status changes go to the store; one that cannot be opened is warned about in the run log.
    const runIndex = openJobStore
      ? redactedRunIndex(lazyRunIndex(openJobStore, options.runsDir ?? DEFAULT_RUNS_DIR))
      : undefined;
    const openRegistry =
      registryBackend === "store" && openJobStore ? jobRegistry(openJobStore) : undefined;
    const result = await runSpec(task.file, {
      ...options,
      ...(runIndex ? { runIndex } : {}),
      ...(openRegistry ? { openRegistry } : {}),
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type !== "run-start") return;
        runDir = event.dir;
        void send({ type: "started", runId: event.id, runDir: event.dir });
      },
    });
    await send({
      type: "finished",
      runId: result.id,
      status: result.status,
      metrics: result.metrics,
      ...(result.error !== undefined
        ? { error: describeError(result.error, policy), ...specProblems(result.error, policy) }
        : {}),
    });
  } catch (error) {
    await send({
      type: "failed",
      error: describeError(error, policy),
      ...specProblems(error, policy),
    });
  } finally {
    stop.dispose();
    await opened?.then((s) => s.close()).catch(() => {});
  }
}

let finished = false;
process.on("disconnect", () => {
  if (!finished) process.kill(process.pid, "SIGTERM");
});
process.once("message", (raw: unknown) => {
  const message = parseRunMessage(raw);
  const work = message
    ? runTask(message.task)
    : send({ type: "failed", error: jobsMessages.malformedTask() });
  void work.finally(() => {
    finished = true;
    process.exit(0);
  });
});
