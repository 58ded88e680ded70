import { silentLogger } from "../../core/logger.js";
import { createRng } from "../../core/rng.js";
import type { ProviderDeps } from "./types.js";

/** Sleeps `ms` on the real clock; rejects with the signal's reason when aborted. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Production dependencies (global fetch, wall clock, real sleep, the process
 * environment) with any of them replaced by `overrides`. The jitter stream
 * defaults to seed 0; a run passes its own `ctx.rng.fork("providers")`.
 */
export function providerDeps(overrides: Partial<ProviderDeps> = {}): ProviderDeps {
  return {
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: overrides.now ?? Date.now,
    sleep: overrides.sleep ?? realSleep,
    rng: overrides.rng ?? createRng(0),
    env: overrides.env ?? process.env,
    logger: overrides.logger ?? silentLogger,
  };
}
