import { createProvider, providerSource } from "../../../runtime/data/providers/index.js";
import { fakeTimeDeps } from "./fake-time.js";

/** The request both provider test families make: AAPL daily bars in the first days of 2020. */
export const aaplRequest = {
  symbol: "AAPL",
  interval: "1d" as const,
  start: Date.UTC(2020, 0, 1),
  end: Date.UTC(2020, 0, 10),
};

/** A Yahoo provider pointed at `base` (a local replay server), two attempts, fake time. */
export const yahooAt = (base: string, extra: Record<string, unknown> = {}, time = fakeTimeDeps()) =>
  createProvider(
    providerSource({
      source: "yahoo",
      symbols: ["AAPL"],
      interval: "1d",
      start: "2020-01-01",
      end: "2020-01-09",
      base_url: base,
      retries: { max_attempts: 2, base_delay_ms: 10, max_delay_ms: 100 },
      ...extra,
    }),
    time.deps,
  );
