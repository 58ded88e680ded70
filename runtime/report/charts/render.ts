import type { ChartSpec, RenderedChart } from "./chart.js";
import { chartConfig } from "./vega-config.js";

/**
 * vega-lite spec → vega spec → headless View (renderer "none") → SVG string.
 * Runs fully in Node: no DOM, no canvas, no network.
 *
 * vega and vega-lite are imported on first use: vega-canvas (under both) has a top-level
 * await, which would make every module importing it (and the whole runtime)
 * impossible to `require()` from notebooks.
 */
export async function renderChart(chart: ChartSpec): Promise<RenderedChart> {
  const { compile } = await import("vega-lite");
  const { parse, View } = await import("vega");
  const vegaSpec = compile(chart.spec, { config: chartConfig() }).spec;
  const view = new View(parse(vegaSpec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return { name: chart.name, title: chart.title, svg: uniquifyIds(svg, chart.name) };
  } finally {
    view.finalize();
  }
}

/** Renders several charts in order. */
export async function renderCharts(charts: readonly ChartSpec[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const chart of charts) out.push(await renderChart(chart));
  return out;
}

/**
 * Vega numbers gradients and clip paths with process-wide counters
 * (`gradient_7`), so ids differ between renders and two charts inlined in one
 * page could collide. Renumber every id per chart in order of appearance,
 * prefixed with the chart name, and rewrite its url(#…)/href="#…" references.
 */
export function uniquifyIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^a-zA-Z0-9_-]/g, "-");
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, `${safe}-${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${rename(id)})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${rename(id)}"`);
}
