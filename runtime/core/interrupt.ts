/**
 * Safe points for long computations. Node runs a signal handler only when the
 * event loop gets a turn, and awaiting a resolved promise is not a turn: a
 * synchronous training loop never sees Ctrl-C. These helpers give the loop a
 * turn (a `setImmediate`, a few microseconds) at most every few milliseconds of
 * work, then let the caller stop at a point where its state is consistent.
 */

/** Thrown by a stage that stopped because its run's signal was aborted. */
export class RunInterrupted extends Error {
  constructor() {
    super("run interrupted");
    this.name = "RunInterrupted";
  }
}

/** How much work (ms) runs between two turns of the event loop at most. */
export const YIELD_INTERVAL_MS = 50;

/** Lets timers, I/O and signal handlers run once. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Gives the event loop a turn, then throws `RunInterrupted` if `signal` was aborted. */
export async function interruptionPoint(signal: AbortSignal | undefined): Promise<void> {
  await yieldToEventLoop();
  if (signal?.aborted) throw new RunInterrupted();
}

/**
 * A clock for hot loops: `due()` is a single `performance.now()` comparison,
 * true once `intervalMs` passed since the last `pass()`; `pass()` yields.
 *
 *     if (clock.due()) await clock.pass();
 *     if (signal?.aborted) break;
 */
export class YieldClock {
  private last = performance.now();
  constructor(private readonly intervalMs = YIELD_INTERVAL_MS) {}

  due(): boolean {
    return performance.now() - this.last >= this.intervalMs;
  }

  async pass(): Promise<void> {
    await yieldToEventLoop();
    this.last = performance.now();
  }
}
