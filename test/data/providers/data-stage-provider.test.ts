import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { registerProviderSources } from "../../../runtime/data/providers/index.js";
import { createDataSourceRegistry } from "../../../runtime/data/source-registry.js";
import { createDataStage } from "../../../runtime/data/stage.js";
import { createTestRunContext } from "../../support/run-context.js";
import { withDefaults } from "../../support/spec-values.js";
import { fakeTimeDeps } from "./fake-time.js";
import { fixture, type ReplayServer, startReplayServer } from "./replay-server.js";

let server: ReplayServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("data stage with a provider source", () => {
  it("fetches through the fs cache on the first run, reads the cache on the second, same dataset hash", async () => {
    server = await startReplayServer(() => ({ body: fixture("yahoo/chart-aapl-1d.json") }));
    dir = mkdtempSync(join(tmpdir(), "drlwb-stage-provider-"));
    const section = withDefaults("data", {
      source: "yahoo",
      symbols: ["AAPL"],
      interval: "1d",
      start: "2020-01-01",
      end: "2020-01-09",
      base_url: server.url,
      cache: { backend: "fs", dir: "cache", ttl: "1h" },
    });
    const sources = registerProviderSources(createDataSourceRegistry(), fakeTimeDeps().deps);
    const stage = createDataStage(section, undefined, { baseDir: dir, sources });
    const first = await stage.run(createTestRunContext("data"), {});
    const second = await stage.run(createTestRunContext("data"), {});
    expect(server.requests).toHaveLength(1);
    expect(second.hash).toBe(first.hash);
    expect(first.provenance.origin).not.toMatch(/from cache/);
    expect(second.provenance.origin).toMatch(/from cache: AAPL/);
    expect(Array.from(first.panel.close[0]!)).toEqual([
      75.0875, 74.35749816894531, 74.94999694824219, 74.59750366210938, 75.79750061035156,
    ]);
    expect(readdirSync(join(dir, "cache")).filter((f) => f.endsWith(".parquet"))).toHaveLength(1);
    const index = JSON.parse(readFileSync(join(dir, "cache", "index.json"), "utf8"));
    expect(Object.values(index.entries)).toMatchObject([
      { provider: "yahoo", symbol: "AAPL", interval: "1d", rows: 5 },
    ]);
  });
});
