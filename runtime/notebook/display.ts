import { createRequire } from "node:module";

/** The part of tslab's display API the helpers use. */
export interface NotebookDisplay {
  html(html: string): void;
  text(text: string): void;
}

/**
 * tslab's `display` when running inside a tslab kernel (the kernel and this
 * module share node_modules/tslab, so its display hook is the live one);
 * undefined in plain Node.
 */
export function tslabDisplay(): NotebookDisplay | undefined {
  try {
    const req = createRequire(import.meta.url);
    const tslab = req("tslab") as { display?: NotebookDisplay };
    const display = tslab.display;
    if (!display) return undefined;
    // Outside a kernel tslab's display throws "Not ready" on use; probe cheaply.
    const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData?: unknown };
    return jupyter.lastWriteDisplayData ? display : undefined;
  } catch {
    return undefined;
  }
}

/** Writes to stdout: what the helpers fall back to outside a notebook. */
export const consoleDisplay: NotebookDisplay = {
  html: (html) => process.stdout.write(`${html}\n`),
  text: (text) => process.stdout.write(`${text}\n`),
};
