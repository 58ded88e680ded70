import { hashValue } from "../../core/hash.js";
import type { BarRequest } from "../providers/types.js";

/**
 * The cache key of a request: a hash of the provider's identity (name, base
 * URL, adjustment, field mapping — never a secret), the symbol, the interval
 * and the exact range. Readable prefix for people listing a cache folder.
 */
export function cacheKey(identity: Readonly<Record<string, unknown>>, request: BarRequest): string {
  const digest = hashValue({
    identity,
    symbol: request.symbol,
    interval: request.interval,
    start: request.start,
    end: request.end,
  }).slice(0, 32);
  const provider = String(identity.provider ?? "provider");
  const safeSymbol = request.symbol.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${provider}-${safeSymbol}-${request.interval}-${digest}`;
}
