import type { Browser } from "puppeteer-core";
import { launchChromium } from "./browser.js";

export interface PdfOptions {
  /** Reuse a running browser (tests, batch rendering); otherwise one is started and closed. */
  readonly browser?: Browser;
  readonly format?: "A4" | "Letter";
}

/**
 * Prints a self-contained HTML report to PDF bytes with headless Chromium.
 * The page is loaded with request interception: anything but the document
 * itself and data: URLs is refused, so a PDF never depends on the network.
 */
export async function renderPdf(html: string, options: PdfOptions = {}): Promise<Uint8Array> {
  const launched = options.browser ? undefined : await launchChromium();
  const browser = options.browser ?? launched!.browser;
  try {
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
      await page.close();
    }
  } finally {
    await launched?.close();
  }
}
