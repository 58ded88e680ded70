import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BRUSH_DOMAIN_SIGNAL, ZOOM_DOMAIN_SIGNAL } from "./charts/interactive.js";

/**
 * What an interactive report inlines: the vega runtime (from node_modules, no
 * CDN) and the page script that renders each chart's compiled spec, plus the
 * Content-Security-Policy sources allowing exactly these two inline scripts.
 * vega compiles its expressions with `Function`, hence 'unsafe-eval'; with
 * `default-src 'none'` the page still cannot load or send anything.
 */
export interface InteractiveRuntime {
  /** Inline scripts, in order (vega, then the page script). */
  readonly scripts: readonly string[];
  /** The `script-src` sources: a sha256 per inline script and 'unsafe-eval'. */
  readonly scriptSrc: string;
  readonly zoomSignal: string;
  readonly brushSignal: string;
}

let cached: { reportsDir: string; runtime: InteractiveRuntime } | undefined;

/** The vega UMD bundle of the installed vega package. */
function vegaBundle(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve("vega/vega-schema.json"));
  return readFileSync(join(dir, "vega.min.js"), "utf8");
}

/** Inline script text: a `</script` inside it would end the element early. */
function inlineSafe(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** The runtime for the templates in `reportsDir` (read once per process). */
export function interactiveRuntime(reportsDir: string): InteractiveRuntime {
  if (cached?.reportsDir === reportsDir) return cached.runtime;
  const scripts = [
    inlineSafe(vegaBundle()),
    inlineSafe(readFileSync(join(reportsDir, "interactive.js"), "utf8")),
  ];
  const runtime: InteractiveRuntime = {
    scripts,
    scriptSrc: [...scripts.map(sha256), "'unsafe-eval'"].join(" "),
    zoomSignal: ZOOM_DOMAIN_SIGNAL,
    brushSignal: BRUSH_DOMAIN_SIGNAL,
  };
  cached = { reportsDir, runtime };
  return runtime;
}
