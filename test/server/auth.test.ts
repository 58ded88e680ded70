import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createApiKey } from "../../server/auth/api-keys.js";
import { createToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const secret = new TextEncoder().encode("s".repeat(40));
let url = "";
let close = async () => {};
let apiKey = "";
const root = mkdtempSync(join(tmpdir(), "drlwb-srv-"));

beforeAll(async () => {
  const registry = new ModelRegistry(root);
  apiKey = createApiKey(join(root, "api-keys.json"), "ci-bot", "researcher").key;
  const { app } = createApp({
    registry,
    secret,
    ...testServerConfig(root),
    loadPredictor: async () => {
      throw new Error("no models in this test");
    },
  });
  ({ url, close } = await listen(app));
});
afterAll(() => close());

const token = (role: "viewer" | "researcher" | "admin") =>
  createToken(secret, { subject: "t", role });
async function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: res.status,
    body: (await res.json().catch(() => null)) as Record<string, unknown> | null,
  };
}

const mutating: [string, string, unknown, "researcher" | "admin"][] = [
  ["POST", "/models/m/aliases", { alias: "champion", version: 1 }, "researcher"],
  ["DELETE", "/models/m/versions/1", undefined, "admin"],
  ["POST", "/backtests", { specFile: "quickstart.yaml" }, "researcher"],
];

describe("server auth", () => {
  it("answers health and ready without credentials", async () => {
    expect((await call("GET", "/health")).status).toBe(200);
    expect((await call("GET", "/ready")).body).toMatchObject({ status: "ready", models: 0 });
  });

  it.each(mutating)("%s %s without a token → 401", async (method, path, body) => {
    expect((await call(method, path, {}, body)).status).toBe(401);
  });

  it.each(mutating)("%s %s with too low a role → 403", async (method, path, body, role) => {
    const lower = role === "admin" ? "researcher" : "viewer";
    const res = await call(method, path, { authorization: `Bearer ${await token(lower)}` }, body);
    expect(res.status).toBe(403);
    expect(res.body?.message).toContain(`needs the role "${role}"`);
  });

  it("lets the right role through to the route (which then reports the missing model)", async () => {
    const res = await call(
      "POST",
      "/models/m/aliases",
      { authorization: `Bearer ${await token("researcher")}` },
      { alias: "champion", version: 1 },
    );
    expect(res.status).toBe(404);
  });

  it("refuses alg:none, a bad signature, an expired token, a not-yet-valid token and a wrong audience", async () => {
    const none = new UnsecuredJWT({ role: "admin" })
      .setSubject("x")
      .setAudience(TOKEN_AUDIENCE)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime("1h")
      .encode();
    const otherKey = await createToken(new TextEncoder().encode("x".repeat(40)), {
      subject: "x",
      role: "admin",
    });
    const sign = (mod: (j: SignJWT) => SignJWT) =>
      mod(
        new SignJWT({ role: "admin" })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject("x")
          .setIssuer(TOKEN_ISSUER)
          .setIssuedAt(),
      ).sign(secret);
    const expired = await sign((j) =>
      j
        .setAudience(TOKEN_AUDIENCE)
        .setNotBefore(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600),
    );
    const future = await sign((j) =>
      j
        .setAudience(TOKEN_AUDIENCE)
        .setNotBefore(Math.floor(Date.now() / 1000) + 3600)
        .setExpirationTime("2h"),
    );
    const wrongAud = await sign((j) =>
      j.setAudience("someone-else").setNotBefore("0s").setExpirationTime("1h"),
    );
    for (const bad of [none, otherKey, expired, future, wrongAud, "not.a.jwt"]) {
      const res = await call("GET", "/models", { authorization: `Bearer ${bad}` });
      expect(res.status, bad).toBe(401);
    }
  });

  it("accepts API keys with their role and refuses unknown keys", async () => {
    expect((await call("GET", "/models", { "x-api-key": apiKey })).status).toBe(200);
    expect((await call("DELETE", "/models/m/versions/1", { "x-api-key": apiKey })).status).toBe(
      403,
    );
    expect((await call("GET", "/models", { "x-api-key": `${apiKey}x` })).status).toBe(401);
  });

  it("validates bodies against the schemas and names the field", async () => {
    const auth = { authorization: `Bearer ${await token("viewer")}` };
    const res = await call("POST", "/models/m/predict", auth, { observation: [1, "two"] });
    expect(res.status).toBe(400);
    expect(res.body?.message).toBe("/observation/1 must be number");
    const extra = await call("POST", "/models/m/predict", auth, {
      observation: [1],
      colour: "red",
    });
    expect(extra.body?.message).toBe("/colour is not a known field");
  });

  it("sets security headers and a request id, and serves the OpenAPI document and Swagger UI", async () => {
    const res = await fetch(`${url}/openapi.json`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/models/{name}/predict");
    expect(doc.components.schemas.PredictRequest).toBeDefined();
    const docs = await fetch(`${url}/docs`);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
    expect((await fetch(`${url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it("appends every mutating call to the audit log, refusals included, and no reads or predictions", async () => {
    const { readFileSync } = await import("node:fs");
    const file = join(root, "audit.log");
    const before = readFileSync(file, "utf8").trim().split("\n").length;
    const admin = { authorization: `Bearer ${await token("admin")}` };
    await call("DELETE", "/models/none/versions/1", admin);
    await call("POST", "/models/none/aliases", {}, { alias: "champion", version: 1 });
    await call("GET", "/models", admin);
    await call("POST", "/models/none/predict", admin, { observation: [1] });
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const added = lines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(added).toHaveLength(2);
    expect(added[0]).toMatchObject({
      method: "DELETE",
      path: "/models/none/versions/1",
      status: 404,
      subject: "t",
      role: "admin",
      outcome: "refused",
    });
    expect(added[1]).toMatchObject({
      method: "POST",
      path: "/models/none/aliases",
      status: 401,
      outcome: "refused",
    });
    expect(added[1]).not.toHaveProperty("subject");
  });

  it("refuses bodies over the size limit with 413", async () => {
    const auth = { authorization: `Bearer ${await token("viewer")}` };
    const res = await call("POST", "/models/m/predict", auth, {
      observation: Array(300_000).fill(1.2345678),
    });
    expect(res.status).toBe(413);
  });
});
