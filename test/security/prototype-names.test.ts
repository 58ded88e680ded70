// Prototype names (`constructor`, `__proto__`, `toString`, …) as model names,
// versions and aliases on every route that takes one, through the real server
// on loopback: the answer is always 400 or 404, never a 5xx (the registry read
// `data.models[name]` and found Object.prototype's members), and the registry
// refuses them as names and aliases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ModelServer, startModelServer } from "../support/model-server.js";

const NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];
let server: ModelServer;
let url = "";
let admin: Record<string, string> = {};

beforeAll(async () => {
  server = await startModelServer({
    prefix: "drlwb-proto-",
    overrides: { http: { rate_limit_per_minute: 1_000_000 } },
    models: [{ name: "cart", aliases: ["champion"] }],
  });
  ({ url, admin } = server);
}, 120_000);

afterAll(() => server.close());

async function send(method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...admin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; message?: string } };
}

/** Every request that carries a user-chosen model name, version or alias. */
function requests(name: string): [string, string, unknown?][] {
  const n = encodeURIComponent(name);
  return [
    ["GET", `/models/${n}`],
    ["GET", `/models/${n}/versions/1`],
    ["GET", `/models/cart/versions/${n}`],
    ["GET", `/models/${n}/versions/${n}`],
    ["POST", `/models/${n}/aliases`, { alias: "challenger", version: 1 }],
    ["POST", "/models/cart/aliases", { alias: name, version: 1 }],
    ["POST", `/models/${n}/predict`, { observation: [0, 0, 0, 0] }],
    ["POST", "/models/cart/predict", { observation: [0, 0, 0, 0], alias: name }],
    ["DELETE", `/models/${n}/versions/1`],
    ["DELETE", `/models/cart/versions/${n}`],
  ];
}

describe("prototype names on every route with a model name, version or alias", () => {
  for (const name of NAMES) {
    it(`${name}: 400 or 404, never 5xx`, async () => {
      for (const [method, path, body] of requests(name)) {
        const res = await send(method, path, body);
        expect(
          [400, 404],
          `${method} ${path} ${JSON.stringify(body)} → ${res.status} ${res.body.message}`,
        ).toContain(res.status);
        expect(res.body.error).toBeTypeOf("string");
      }
      // The model and its alias are untouched.
      const cart = await send("GET", "/models/cart");
      expect(cart.status).toBe(200);
      expect(cart.body).toMatchObject({ aliases: { champion: 1 }, versions: [{ version: 1 }] });
    });
  }

  it("an alias named like a prototype member is refused with the catalog message", async () => {
    const res = await send("POST", "/models/cart/aliases", { alias: "constructor", version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('alias "constructor" is reserved');
  });
});
