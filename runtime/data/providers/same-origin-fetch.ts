import { UserError } from "../../core/errors.js";
import { dataIoMessages } from "../../messages/data-io.js";
import type { ProviderDeps } from "./types.js";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 5;

/**
 * GET `url`, following redirects only while they stay on the same origin
 * (scheme, host and port). A redirect to another origin is refused: the host
 * allow-list of a spec policy is checked against the spec's URLs, so a
 * provider must never be led off them, and credentials sent in headers must
 * never reach a host the spec did not name.
 */
export async function fetchSameOrigin(
  deps: ProviderDeps,
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
  who: { provider: string; symbol: string },
): Promise<Response> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const response = await deps.fetch(current.toString(), { ...init, redirect: "manual" });
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel();
    const next = new URL(location, current);
    if (next.origin !== current.origin) {
      throw new UserError(
        dataIoMessages.crossOriginRedirect(who.provider, who.symbol, current.host, next.host),
      );
    }
    if (hop + 1 >= MAX_HOPS)
      throw new UserError(dataIoMessages.tooManyRedirects(who.provider, who.symbol, MAX_HOPS));
    current = next;
  }
}
