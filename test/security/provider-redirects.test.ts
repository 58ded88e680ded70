// A provider on an allowed host must not be led to another host by a redirect:
// the spec policy's host allow-list is checked against the spec's URLs, and the
// provider's credentials (headers, query keys) must never reach a host the spec
// did not name. Same-origin redirects are still followed.
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { aaplRequest, yahooAt } from "../data/providers/yahoo-provider.js";
import { fixture, type ReplayServer, startReplayServer } from "../data/providers/replay-server.js";

const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const request = aaplRequest;
const yahoo = (base: string) => yahooAt(base);

describe("provider redirects", () => {
  it("refuses a redirect to another host and sends it nothing", async () => {
    const elsewhere = await startReplayServer(() => ({
      body: fixture("yahoo/chart-aapl-1d.json"),
    }));
    servers.push(elsewhere);
    const allowed = await startReplayServer((req) => ({
      status: 302,
      headers: { location: `${elsewhere.url}${req.url}` },
      body: "",
    }));
    servers.push(allowed);
    const error = await yahoo(allowed.url)
      .fetchBars(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(String((error as Error).message)).toMatch(/redirected to another host/);
    expect(elsewhere.requests).toHaveLength(0);
    expect(allowed.requests).toHaveLength(1);
  });

  it("follows a redirect on the same host", async () => {
    const server = await startReplayServer((req) =>
      req.path.startsWith("/moved")
        ? { body: fixture("yahoo/chart-aapl-1d.json") }
        : { status: 301, headers: { location: `/moved${req.url}` }, body: "" },
    );
    servers.push(server);
    const rows = await yahoo(server.url).fetchBars(request);
    expect(rows).toHaveLength(5);
    expect(server.requests.map((r) => r.path.startsWith("/moved"))).toEqual([false, true]);
  });
});
