import { normalizeSection } from "../../spec/normalize-section.js";
import type { ProviderSource } from "../../spec/types.generated.js";

/**
 * A provider source written in code (a notebook, a test, a benchmark)
 * checked against provider.schema.json and normalized as a spec's `data:`
 * section would be: only the keys of its provider, each provider's defaults
 * filled (rate limit, retries, timeout, cache, `adjusted`, `page_size`,
 * `range_format`, `timestamp_unit`). Throws a UserError naming every problem
 * (pointers under /data) with "did you mean" hints.
 */
export function providerSource(source: unknown): ProviderSource {
  return normalizeSection("provider", source, "/data");
}
