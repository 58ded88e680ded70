/**
 * Swagger UI at /docs opens without an error banner (issue 15): the served
 * OpenAPI document declares no `jsonSchemaDialect` Swagger UI cannot use (it
 * supports only the OpenAPI 3.1 default dialect and shows "jsonSchemaDialect
 * field contains a value different from the default value" otherwise), and
 * the page, loaded in real headless Chromium from a real server on loopback,
 * renders every operation with no error box and no console error.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LaunchedBrowser } from "../../runtime/report/browser.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { startChromium } from "../support/chromium.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

/** The only dialect Swagger UI 5 accepts (OpenAPI 3.1's default for `jsonSchemaDialect`). */
const OAS_BASE_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base";

const root = mkdtempSync(join(tmpdir(), "drlwb-swagger-"));
let url = "";
let close = async () => {};
let drain = async () => {};
let chromium: LaunchedBrowser | undefined;

beforeAll(async () => {
  const loaded = testServerConfig(root);
  const app = createApp({
    registry: new ModelRegistry(loaded.workspace.registry),
    secret: new TextEncoder().encode("s".repeat(40)),
    ...loaded,
    loadPredictor: async () => {
      throw new Error("this test serves no models");
    },
  });
  drain = () => app.jobs.drain();
  ({ url, close } = await listen(app.app));
  chromium = await startChromium();
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await drain();
  await close();
  rmSync(root, { recursive: true, force: true });
});

describe("Swagger UI", () => {
  it("is served a document whose JSON Schema dialect Swagger UI supports", async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as Record<string, unknown>;
    expect(doc.openapi).toMatch(/^3\.1\./);
    if (Object.hasOwn(doc, "jsonSchemaDialect"))
      expect(doc.jsonSchemaDialect).toBe(OAS_BASE_DIALECT);
  });

  it("opens in Chromium with every operation and no error banner or console error", async () => {
    const page = await chromium!.browser.newPage();
    const consoleErrors: string[] = [];
    const offsite: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const target = request.url();
      if (target.startsWith(url) || target.startsWith("data:")) void request.continue();
      else {
        offsite.push(target);
        void request.abort("blockedbyclient");
      }
    });
    try {
      await page.goto(`${url}/docs`, { waitUntil: "networkidle0" });
      await page.waitForSelector(".opblock", { timeout: 30_000 });
      await page.waitForNetworkIdle({ idleTime: 500 });
      const operations = await page.$$eval(".opblock", (els) => els.length);
      const paths = Object.values(
        ((await (await fetch(`${url}/openapi.json`)).json()) as { paths: object }).paths,
      ).reduce<number>((n, item) => n + Object.keys(item).length, 0);
      expect(operations).toBe(paths);
      const banners = await page.$$eval(".errors-wrapper, .errors", (els) =>
        els.map((e) => e.textContent ?? ""),
      );
      expect(banners).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);
});
