import { parse, View } from "vega";
import { compile } from "vega-lite";
import type { ChartSpec, RenderedChart } from "./chart.js";
import { chartConfig } from "./vega-config.js";

/**
 * vega-lite spec → vega spec → headless View (renderer "none") → SVG string.
 * Runs fully in Node: no DOM, no canvas, no network.
 */
export async function renderChart(chart: ChartSpec): Promise<RenderedChart> {
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
 * Vega numbers clip paths `clip1`, `clip2`, … per view, so two charts inlined
 * in one HTML page would share ids. Prefix every id (and its url(#…)/href
 * references) with the chart name.
 */
export function uniquifyIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^a-zA-Z0-9_-]/g, "-");
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${safe}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${safe}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${safe}-${id}"`);
}
