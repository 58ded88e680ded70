import { afterEach, describe, expect, it } from "vitest";
import { loadDataset } from "../../../runtime/data/load-dataset.js";
import { envRef, registerProviderSources } from "../../../runtime/data/providers/index.js";
import { createDataSourceRegistry } from "../../../runtime/data/source-registry.js";
import { withDefaults } from "../../support/spec-values.js";
import { parseSecretText } from "../../../runtime/spec/secret-ref.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("provider sources in the data pipeline", () => {
  it("loads a polygon source into a MarketDataset (panel, quality, provenance)", async () => {
    server = await startReplayServer((r) => {
      const cursor = r.query.get("cursor");
      const page = cursor === null ? 1 : cursor.endsWith("PTI") ? 2 : 3;
      return { body: fixture(`polygon/aggs-aapl-day-page${page}.json`) };
    });
    const section = {
      ...withDefaults("data", {
        source: "polygon",
        symbols: ["AAPL"],
        interval: "1d",
        start: "2020-01-01",
        end: "2020-01-10",
        base_url: server.url,
        page_size: 3,
        cache: { backend: "none" },
      }),
      // As the spec normalizer hands it over: a SecretRef, resolved only when requesting.
      api_key: parseSecretText(envRef("POLY")).ref,
    };
    const sources = registerProviderSources(
      createDataSourceRegistry(),
      fakeTimeDeps({ POLY: "k" }).deps,
    );
    const viaProviders = await loadDataset(section, { sources });
    expect(viaProviders.panel.symbols).toEqual(["AAPL"]);
    expect(server.requests.map((r) => r.query.get("apiKey"))).toEqual(["k", "k", "k"]);
    expect(Array.from(viaProviders.panel.close[0]!)).toEqual([
      75.0875, 74.3575, 74.95, 74.5975, 75.7975, 77.4075, 77.5825,
    ]);
    expect(viaProviders.provenance.source).toBe("polygon");
    expect(viaProviders.provenance.name).toBe("polygon: AAPL 1d 2020-01-01..2020-01-10");
    expect(viaProviders.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
