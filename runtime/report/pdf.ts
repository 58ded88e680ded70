import type { Browser } from "puppeteer-core";
import { RunInterrupted } from "../core/interrupt.js";
import { launchChromium } from "./browser.js";

export interface PdfOptions {
  /** Reuse a running browser (tests, batch rendering); otherwise one is started and closed. */
  readonly browser?: Browser;
  readonly format?: "A4" | "Letter";
  /** Aborting closes the browser this call started and throws `RunInterrupted`. */
  readonly signal?: AbortSignal;
}

/**
 * Prints a self-contained HTML report to PDF bytes with headless Chromium.
 * The page is loaded with request interception: anything but the document
 * itself and data: URLs is refused, so a PDF never depends on the network.
 */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const { signal } = options;
  if (signal?.aborted) throw new RunInterrupted();
  const launched = options.browser ? undefined : await launchChromium();
  const browser = options.browser ?? launched!.browser;
  // Closing the browser fails whatever page call is pending, so the abort is prompt.
  const onAbort = (): void => {
    launched?.close().catch(() => undefined);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (signal?.aborted) throw new RunInterrupted();
    // A browser started here already has its first tab open: printing in it
    // saves spawning another renderer process.
    const page = (launched && (await browser.pages())[0]) || (await browser.newPage());
    try {
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const url = request.url();
        if (url.startsWith("data:") || url === "about:blank") void request.continue();
        else void request.abort("blockedbyclient");
      });
      await page.setContent(html, { waitUntil: "load" });
      const pdf = await page.pdf({
        format: options.format ?? "A4",
        printBackground: true,
        preferCSSPageSize: true,
      });
      return new Uint8Array(pdf);
    } finally {
      await page.close().catch((error: unknown) => {
        if (!signal?.aborted) throw error;
      });
    }
  } catch (error) {
    throw signal?.aborted ? new RunInterrupted() : error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (signal?.aborted) await launched?.close().catch(() => undefined);
    else await launched?.close();
  }
}
