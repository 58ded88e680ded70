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

/** A job's run options: the request's `seed` and `env` (api.schema.json), and what the server adds. */
type TaskOptions = Pick<ApiBacktestRequest, "seed" | "env"> & {
  runsDir?: string;
  policy?: SpecPolicy;
};

/** The route's options as runSpec options: each known field checked; a malformed one is an error. */
function taskOptions(options: WorkerTask["options"]): TaskOptions {
  const out: TaskOptions = {};
  const { seed, env, runsDir, policy } = options;
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
  return out;
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
  try {
    const options = taskOptions(task.options);
    policy = options.policy ?? policy;
    const result = await runSpec(task.file, {
      ...options,
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
