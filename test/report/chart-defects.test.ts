/**
 * The chart defects of issue 16's "Why": a log-scale equity axis spanning
 * decades beyond the data, rolling lines drawn across gaps, a one-point
 * chart rendering empty, truncated legends. Each test fails on the old charts.
 */
import { describe, expect, it } from "vitest";
import { equityChart } from "../../runtime/report/charts/equity.js";
import { renderChart } from "../../runtime/report/charts/render.js";
import { rollingSharpeChart } from "../../runtime/report/charts/rolling-sharpe.js";
import { chartConfig } from "../../runtime/report/charts/vega-config.js";
import type { ChartSpec } from "../../runtime/report/charts/chart.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2020, 0, 1);
const times = (n: number) => Float64Array.from({ length: n }, (_, i) => T0 + i * DAY);

/** The y scale's domain of a chart, as vega computes it. */
async function yDomain(chart: ChartSpec): Promise<number[]> {
  const { compile } = await import("vega-lite");
  const { parse, View } = await import("vega");
  const view = new View(parse(compile(chart.spec, { config: chartConfig() }).spec), {
    renderer: "none",
  });
  try {
    await view.runAsync();
    return (view.scale("y").domain() as number[]).map(Number);
  } finally {
    view.finalize();
  }
}

describe("chart defects (issue 16)", () => {
  it("a log-scale equity axis spans the data, not whole decades around it", async () => {
    const n = 50;
    const values = Float64Array.from({ length: n }, (_, i) => 10_000 + 40 * i);
    const domain = await yDomain(
      equityChart({ strategy: { times: times(n), values } }, { logScale: true }),
    );
    expect(domain[0]).toBeGreaterThanOrEqual(9_000);
    expect(domain[1]).toBeLessThanOrEqual(13_000);
  });

  it("rolling Sharpe breaks its line at a gap instead of drawing across it", async () => {
    const n = 60;
    const values = Float64Array.from({ length: n }, (_, i) =>
      i >= 20 && i < 35 ? Number.NaN : Math.sin(i / 5),
    );
    const { svg } = await renderChart(rollingSharpeChart({ times: times(n), values }, 20));
    const line = /<path[^>]*aria-roledescription="line mark"[^>]*d="([^"]+)"/.exec(svg)?.[1];
    const subpaths = svg.match(/class="mark-line[^"]*"[\s\S]*?<path[^>]* d="([^"]+)"/)?.[1];
    const d = line ?? subpaths ?? "";
    expect(d.length).toBeGreaterThan(0);
    // Two runs of finite values: the path moves (M) twice.
    expect(d.match(/M/g)?.length).toBe(2);
  });

  it("a one-point equity chart shows its point", async () => {
    const { svg } = await renderChart(equityChart({ strategy: { times: [T0], values: [10_000] } }));
    expect(svg).toMatch(/class="mark-symbol/);
    expect(svg).toMatch(/<path[^>]*d="M[^"]+"/);
  });

  it("legend labels are never cut short", async () => {
    const long = "sma_crossover_with_a_very_long_name (baseline)";
    const { svg } = await renderChart(
      equityChart({
        strategy: { times: times(3), values: [1, 2, 3] },
        baseline: { times: times(3), values: [1, 1, 1] },
        baselineLabel: long,
      }),
    );
    expect(svg).toContain(long);
    expect(svg).not.toContain("…");
  });
});
