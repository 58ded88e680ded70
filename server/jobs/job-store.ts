/**
 * The tracking store a backtest job's worker indexes its run in: the
 * server's `store` configuration (its URL already resolved with
 * DRLWB_STORE, which the worker's environment does not carry) and the
 * folder `sqlite:` paths are relative to (the workspace root). Crosses the
 * IPC channel as JSON; a worker checks it against the schema again.
 */
import { jobsMessages } from "../../runtime/messages/jobs.js";
import type { RunIndexWriter } from "../../runtime/run/run-index-writer.js";
import { safeErrorCode } from "../../runtime/store/safe-error.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { storeUrl } from "../../runtime/store/store-location.js";
import { isPlainObject } from "../../runtime/spec/pointer.js";
import type { StoreSpec } from "../../runtime/spec/types.generated.js";

export interface JobStore {
  readonly config: StoreSpec;
  readonly baseDir: string;
}

/** The job store of a server: its configuration with the location in force. */
export function jobStore(
  config: StoreSpec,
  workspaceRoot: string,
  env: NodeJS.ProcessEnv = process.env,
): JobStore {
  return { config: { ...config, url: storeUrl(config.url, env) }, baseDir: workspaceRoot };
}

/** A task's `store` option, checked (a malformed one is an error: the server sent it). */
export function parseJobStore(value: unknown): JobStore {
  if (!isPlainObject(value) || typeof value.baseDir !== "string") throw new TypeError("task store");
  return { config: resolveStoreConfig(value.config), baseDir: value.baseDir };
}

/**
 * A job's runs-index writer whose failures say only the driver's code: the
 * warning lands in the run log, which clients can read, and the store's
 * message would name its user and host.
 */
export function redactedRunIndex<T extends RunIndexWriter>(inner: T): T {
  return {
    ...inner,
    write: async (dir, record) => {
      try {
        await inner.write(dir, record);
      } catch (error) {
        throw new Error(jobsMessages.runIndexStoreUnavailable(safeErrorCode(error)));
      }
    },
  };
}
