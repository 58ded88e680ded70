/**
 * The OpenAPI document (server/openapi.ts): built from the JSON Schemas, every `$ref` resolves
 * inside the document, and it is what `/openapi.json` serves, together with Swagger UI at /docs
 * from the local swagger-ui-dist package (server/routes/docs.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { buildOpenApi } from "../../server/openapi.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-openapi-"));
let url = "";
let close = async () => {};

beforeAll(async () => {
  const loaded = testServerConfig(join(root, "ws"));
  const { app } = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret: new TextEncoder().encode("o".repeat(40)),
    ...loaded,
    version: "9.8.7",
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  ({ url, close } = await listen(app));
});
afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

/** Every `$ref` string anywhere in `node`. */
function refsIn(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, into);
  else if (node !== null && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") into.push(value);
      else refsIn(value, into);
    }
  return into;
}

/** Every key name anywhere in `node`. */
function keysIn(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) keysIn(item, into);
  else if (node !== null && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      into.add(key);
      keysIn(value, into);
    }
  return into;
}

describe("buildOpenApi", () => {
  const doc = buildOpenApi("1.2.3");
  const components = (doc.components as { schemas: Record<string, unknown> }).schemas;

  it("is an OpenAPI 3.1 document of this version, with both security schemes", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "DRL Workbench API", version: "1.2.3" });
    expect(Object.keys((doc.components as { securitySchemes: object }).securitySchemes)).toEqual([
      "bearer",
      "apiKey",
    ]);
  });

  it("resolves every $ref to a component of the document (no file references left)", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
      expect(name, ref).toBeDefined();
      expect(Object.hasOwn(components, name!), ref).toBe(true);
    }
    const keys = keysIn(components);
    for (const dropped of ["$id", "$schema", "$defs"]) expect(keys.has(dropped)).toBe(false);
  });

  it("describes the request bodies by the api schema's definitions", () => {
    for (const name of ["PredictRequest", "AliasRequest", "BacktestRequest", "Error"])
      expect(Object.hasOwn(components, name), name).toBe(true);
    const paths = doc.paths as Record<string, Record<string, { requestBody?: unknown }>>;
    expect(refsIn(paths["/models/{name}/predict"]?.post?.requestBody)).toEqual([
      "#/components/schemas/PredictRequest",
    ]);
    expect(refsIn(paths["/backtests"]?.post?.requestBody)).toEqual([
      "#/components/schemas/BacktestRequest",
    ]);
  });

  it("marks open routes without security and guarded ones with their role and 401/403", () => {
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths["/health"]?.get?.security).toEqual([]);
    const del = paths["/models/{name}/versions/{version}"]?.delete;
    expect(del?.description).toBe("Requires role: admin.");
    expect(del?.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(Object.keys(del?.responses as object)).toEqual(["200", "401", "403"]);
    const cancel = paths["/jobs/{id}"]?.delete?.responses as Record<string, unknown>;
    expect(Object.keys(cancel).sort()).toEqual(["200", "202", "401", "403", "404", "409"]);
  });

  it("names components after their files and $defs, rewriting refs between files", () => {
    const dir = join(root, "schemas");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "my-thing.schema.json"),
      JSON.stringify({
        $id: "my-thing.schema.json",
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        properties: { part: { $ref: "#/$defs/Part" }, other: { $ref: "other.schema.json" } },
        $defs: {
          Part: { type: "object", properties: { x: { $ref: "other.schema.json#/$defs/X" } } },
        },
      }),
    );
    writeFileSync(
      join(dir, "other.schema.json"),
      JSON.stringify({ type: "string", $defs: { X: { type: "number" } } }),
    );
    writeFileSync(join(dir, "notes.txt"), "not a schema");
    const schemas = (buildOpenApi("0", dir).components as { schemas: Record<string, unknown> })
      .schemas;
    expect(schemas.MyThingSpec).toEqual({
      type: "object",
      properties: {
        part: { $ref: "#/components/schemas/MyThing_Part" },
        other: { $ref: "#/components/schemas/OtherSpec" },
      },
    });
    expect(schemas.MyThing_Part).toEqual({
      type: "object",
      properties: { x: { $ref: "#/components/schemas/Other_X" } },
    });
    expect(schemas.OtherSpec).toEqual({ type: "string" });
    expect(schemas.Other_X).toEqual({ type: "number" });
    expect(Object.keys(schemas).sort()).toEqual([
      "Error",
      "MyThingSpec",
      "MyThing_Part",
      "OtherSpec",
      "Other_X",
    ]);
  });
});

describe("/openapi.json and /docs", () => {
  it("serves the document of the server's version without credentials", async () => {
    const res = await fetch(`${url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(buildOpenApi("9.8.7"));
  });

  it('documents only routes the server has (each answers something other than "no route")', async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const sample = (path: string) =>
      path.replace("{name}", "m").replace("{version}", "1").replace("{id}", "x");
    for (const [path, operations] of Object.entries(doc.paths))
      for (const method of Object.keys(operations)) {
        const res = await fetch(`${url}${sample(path)}`, {
          method: method.toUpperCase(),
          headers: { "content-type": "application/json" },
          ...(method === "get" || method === "delete" ? {} : { body: "{}" }),
        });
        const body = await res.text();
        expect(body, `${method} ${path}`).not.toContain("no route");
      }
    const unknown = await fetch(`${url}/models/m/unknown`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: "not_found" });
  });

  it("serves Swagger UI from the local package: page, init script and assets", async () => {
    for (const path of ["/docs", "/docs/"]) {
      const page = await fetch(`${url}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<script src="/docs/assets/swagger-ui-bundle.js"></script>');
      expect(html).not.toMatch(/https?:\/\//);
    }
    const init = await fetch(`${url}/docs/init.js`);
    expect(init.headers.get("content-type")).toMatch(/^application\/javascript/);
    expect(await init.text()).toContain('url: "/openapi.json"');
    for (const asset of ["swagger-ui.css", "swagger-ui-bundle.js"]) {
      const res = await fetch(`${url}/docs/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
    }
    expect((await fetch(`${url}/docs/assets/`)).status).toBe(404);
  });
});
