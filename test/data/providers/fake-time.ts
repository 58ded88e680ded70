import { createLogger, type LogRecord } from "../../../runtime/core/logger.js";
import { createRng } from "../../../runtime/core/rng.js";
import type { ProviderDeps } from "../../../runtime/data/providers/index.js";

/**
 * Provider dependencies with a virtual clock: `sleep` advances the clock at
 * once and records the delay, so backoff and rate limiting are tested without
 * waiting. HTTP goes through Node's real fetch to the local replay server.
 */
export function fakeTimeDeps(env: Record<string, string> = {}, seed = 7) {
  let clock = Date.UTC(2024, 0, 15, 12, 0, 0);
  const sleeps: number[] = [];
  const logs: LogRecord[] = [];
  const deps: ProviderDeps = {
    fetch: (input, init) => globalThis.fetch(input, init),
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    rng: createRng(seed),
    env,
    logger: createLogger((record) => logs.push(record)),
  };
  return { deps, sleeps, logs, advance: (ms: number) => (clock += ms), now: () => clock };
}
