import type { Rng } from "../../core/rng.js";
import type { ProviderRetries } from "../../spec/types.generated.js";

/**
 * Delay before retry number `attempt` (0 for the first retry): exponential
 * growth `base · 2^attempt`, capped at `max`, with "equal jitter" — a uniform
 * draw in [cap/2, cap) from the seeded stream, so concurrent clients spread
 * out while every delay keeps at least half the backoff.
 */
export function backoffDelay(attempt: number, retry: ProviderRetries, rng: Rng): number {
  const cap = Math.min(retry.max_delay_ms, retry.base_delay_ms * 2 ** attempt);
  return Math.round(cap / 2 + rng.next() * (cap / 2));
}

/**
 * Parses an HTTP Retry-After header (delta-seconds or an HTTP-date) into
 * milliseconds from `now`; undefined when absent or unparseable.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
