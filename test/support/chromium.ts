/**
 * Real headless Chromium for end-to-end tests: found like the runtime finds
 * it (PUPPETEER_EXECUTABLE_PATH, a Puppeteer-managed install, /usr/bin/chromium),
 * launched with the flags that work in containers and a fresh profile.
 * `openOffline` loads a page while recording every request and console error.
 */
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import {
  CHROMIUM_FLAGS,
  findChromium,
  type LaunchedBrowser,
  launchChromium,
} from "../../runtime/report/browser.js";

export { CHROMIUM_FLAGS, findChromium };

export function startChromium(): Promise<LaunchedBrowser> {
  return launchChromium({ executablePath: findChromium() });
}

export interface OfflinePage {
  readonly page: Page;
  /** Every request the page made, in order (including the page itself). */
  readonly requests: string[];
  /** Requests that were neither the page itself nor data: URLs (and were refused). */
  readonly blocked: string[];
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
}

/** Opens a local HTML file with every request but the file itself and data: URLs refused and recorded. */
export async function openOffline(browser: Browser, file: string): Promise<OfflinePage> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const requests: string[] = [];
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const target = request.url();
    requests.push(target);
    if (target === url || target.startsWith("data:")) void request.continue();
    else {
      blocked.push(target);
      void request.abort("blockedbyclient");
    }
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(url, { waitUntil: "networkidle0" });
  return { page, requests, blocked, consoleErrors, pageErrors };
}
