/**
 * A token bucket: `capacity` tokens, refilled continuously at `ratePerMs`.
 * `acquire()` takes one token, sleeping (through the injected `sleep`) until
 * one is available. `pause(ms)` empties the bucket and blocks it until
 * `now + ms`, which is how a server's Retry-After reaches every caller that
 * shares the bucket.
 */
export interface TokenBucket {
  acquire(signal?: AbortSignal): Promise<void>;
  pause(ms: number): void;
  /** Tokens available now (for tests and diagnostics). */
  available(): number;
}

export interface TokenBucketOptions {
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { capacity, now, sleep } = options;
  if (!(capacity >= 1)) throw new RangeError(`token bucket capacity must be >= 1, got ${capacity}`);
  if (!(options.refillPerSecond > 0)) {
    throw new RangeError(`token bucket refill rate must be > 0, got ${options.refillPerSecond}`);
  }
  const ratePerMs = options.refillPerSecond / 1000;
  let tokens = capacity;
  let last = now();
  let blockedUntil = Number.NEGATIVE_INFINITY;

  const refill = (): void => {
    const t = now();
    if (t > last) {
      tokens = Math.min(capacity, tokens + (t - last) * ratePerMs);
      last = t;
    }
  };

  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        const t = now();
        if (t < blockedUntil) {
          await sleep(blockedUntil - t, signal);
          continue;
        }
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await sleep(Math.ceil((1 - tokens) / ratePerMs), signal);
      }
    },
    pause(ms) {
      refill();
      tokens = 0;
      blockedUntil = Math.max(blockedUntil, now() + ms);
      last = Math.max(last, blockedUntil);
    },
    available() {
      refill();
      return tokens;
    },
  };
}
