/**
 * The request pipeline's own middleware on a real Express app on loopback:
 * server/middleware/request-context.ts (request ids, one log line per request) and
 * server/middleware/errors.ts (user errors → 400/404, a damaged registry → 503 with its public
 * message, body-parser errors → their status, anything else → 500 without internals, logged).
 */
import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../runtime/core/errors.js";
import { RegistryStateError } from "../../../runtime/registry/index.js";
import { errorHandler, sendError } from "../../../server/middleware/errors.js";
import { requestContext } from "../../../server/middleware/request-context.js";
import { listen } from "../../support/http-server.js";

const logLines: Record<string, unknown>[] = [];
const logged: unknown[] = [];
let url = "";
let close = async () => {};

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean))
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = express();
  app.use(requestContext(pino({ level: "info" }, sink)));
  app.use(express.json({ limit: 10 }));
  app.get("/ok", (_req, res) => {
    res.locals.principal = { subject: "someone" };
    res.json({ ok: true });
  });
  app.get("/user-error", () => {
    throw new UserError("the spec has a problem");
  });
  app.get("/no-model", () => {
    throw new UserError('no registered model "m"');
  });
  app.get("/no-version", () => {
    throw new UserError('model "m" has no version 3');
  });
  app.get("/registry", () => {
    throw new RegistryStateError(
      "/srv/secret/registry/registry.json",
      "registry/registry.json",
      "not JSON",
    );
  });
  app.get("/crash", () => {
    throw new Error("internal detail at /srv/secret/file.ts");
  });
  app.get("/teapot", (_req, res) => sendError(res, 418, "teapot", "short and stout", [{ a: 1 }]));
  app.post("/echo", (req, res) => {
    res.json(req.body);
  });
  app.get("/after-headers", (_req, res, next) => {
    res.status(200).write("partial");
    next(new Error("too late"));
    res.end();
  });
  app.use(errorHandler((error) => logged.push(error)));
  ({ url, close } = await listen(app));
});
afterAll(() => close());

async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(`${url}${path}`, init);
  const text = await res.text();
  return {
    res,
    status: res.status,
    text,
    body: JSON.parse(text || "null") as Record<string, unknown>,
  };
}

describe("request context", () => {
  it("gives each request a fresh id, in the header and in error bodies", async () => {
    const a = await get("/ok");
    const b = await get("/ok");
    const idA = a.res.headers.get("x-request-id");
    expect(idA).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.res.headers.get("x-request-id")).not.toBe(idA);
    const failed = await get("/user-error");
    expect(failed.body.requestId).toBe(failed.res.headers.get("x-request-id"));
  });

  it("keeps a well-formed X-Request-Id and replaces anything else", async () => {
    const kept = await get("/ok", { headers: { "x-request-id": "trace-1.2_3" } });
    expect(kept.res.headers.get("x-request-id")).toBe("trace-1.2_3");
    for (const bad of ["has space", "x".repeat(65), "semi;colon"]) {
      const replaced = await get("/ok", { headers: { "x-request-id": bad } });
      expect(replaced.res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("logs one line per request: id, method, path without query, status, time and subject", async () => {
    await get("/ok?token=abc", { headers: { "x-request-id": "log-check" } });
    await expect.poll(() => logLines.find((l) => l.requestId === "log-check")).toBeDefined();
    const line = logLines.find((l) => l.requestId === "log-check")!;
    expect(line).toMatchObject({ method: "GET", path: "/ok", status: 200, subject: "someone" });
    expect(typeof line.ms).toBe("number");
    expect(JSON.stringify(line)).not.toContain("abc");
  });
});

describe("errorHandler", () => {
  it("answers user errors with 400, and those naming a missing model, run or version with 404", async () => {
    expect((await get("/user-error")).body).toMatchObject({
      error: "bad_request",
      message: "the spec has a problem",
    });
    for (const path of ["/no-model", "/no-version"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error, path).toBe("not_found");
    }
  });

  it("answers a damaged registry with 503 and its public message, never the server path", async () => {
    const res = await get("/registry");
    expect(res.status).toBe(503);
    expect(res.body.error).toBe("registry_unavailable");
    expect(res.body.message).toContain("registry/registry.json");
    expect(res.text).not.toContain("/srv/secret");
    expect(logged.some((e) => e instanceof RegistryStateError)).toBe(true);
  });

  it("answers body-parser errors with their status: 413 too large, 400 malformed", async () => {
    const large = await get("/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ long: "x".repeat(100) }),
    });
    expect(large.status).toBe(413);
    expect(large.body.error).toBe("payload_too_large");
    const malformed = await get("/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{x",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe("bad_request");
  });

  it("answers anything else with 500 'internal error', logging the error but not showing it", async () => {
    const before = logged.length;
    const res = await get("/crash");
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: "internal", message: "internal error" });
    expect(res.text).not.toContain("/srv/secret");
    expect(logged.length).toBe(before + 1);
  });

  it("leaves a response alone once its headers went out", async () => {
    const before = logged.length;
    const res = await fetch(`${url}/after-headers`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("partial");
    expect(logged.length).toBe(before);
  });

  it("sendError carries status, code, message, request id and details", async () => {
    const res = await get("/teapot", { headers: { "x-request-id": "tea" } });
    expect(res.status).toBe(418);
    expect(res.body).toEqual({
      error: "teapot",
      message: "short and stout",
      requestId: "tea",
      details: [{ a: 1 }],
    });
  });
});
