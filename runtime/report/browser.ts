import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { UserError } from "../core/errors.js";
import { reportMessages } from "../messages/report.js";

/** Launch flags that work headless in containers and CI, and never reach the network on their own. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
] as const;

const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** Browsers installed by Puppeteer under its cache (`~/.cache/puppeteer` or PUPPETEER_CACHE_DIR), newest first. */
export function puppeteerManagedBrowsers(env: NodeJS.ProcessEnv = process.env): string[] {
  const cache = env.PUPPETEER_CACHE_DIR ?? join(homedir(), ".cache", "puppeteer");
  const layouts: [string, string][] = [
    ["chrome", "chrome-linux64/chrome"],
    ["chrome-headless-shell", "chrome-headless-shell-linux64/chrome-headless-shell"],
    ["chromium", "chrome-linux/chrome"],
  ];
  return layouts.flatMap(([product, exe]) => {
    const dir = join(cache, product);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .sort()
      .reverse()
      .map((build) => join(dir, build, exe))
      .filter((path) => existsSync(path));
  });
}

/**
 * The browser for PDFs and e2e tests: PUPPETEER_EXECUTABLE_PATH, else a
 * Puppeteer-managed install, else the system's chromium.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PUPPETEER_EXECUTABLE_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new UserError(reportMessages.browserPathMissing(explicit));
    return explicit;
  }
  const candidates = [...puppeteerManagedBrowsers(env), ...SYSTEM_BROWSERS];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new UserError(
      reportMessages.browserNotFound([
        "PUPPETEER_EXECUTABLE_PATH",
        "~/.cache/puppeteer",
        ...SYSTEM_BROWSERS,
      ]),
    );
  }
  return found;
}

export interface LaunchedBrowser {
  readonly browser: Browser;
  /** Closes the browser and removes its throw-away profile. */
  close(): Promise<void>;
}

/** Starts headless Chromium with a fresh profile folder (removed on close). */
export async function launchChromium(
  options: { executablePath?: string; extraArgs?: readonly string[] } = {},
): Promise<LaunchedBrowser> {
  const { launch } = await import("puppeteer-core");
  const profile = mkdtempSync(join(tmpdir(), "drlwb-chromium-"));
  try {
    const browser = await launch({
      executablePath: options.executablePath ?? findChromium(),
      headless: true,
      // Puppeteer's own handlers would exit on Ctrl-C before the run is marked
      // interrupted; the CLI's handler aborts the run, which closes the browser.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, ...(options.extraArgs ?? [])],
    });
    let closing: Promise<void> | undefined;
    return {
      browser,
      // Idempotent: an aborted PDF closes the browser early, its `finally` again.
      close() {
        closing ??= browser.close().finally(() => {
          rmSync(profile, { recursive: true, force: true });
        });
        return closing;
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
