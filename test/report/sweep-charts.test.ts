/**
 * The sweep report's charts (SVG snapshots on fixed data, numbers rounded,
 * ids renumbered) and the heatmap's cells: trials sharing an (x, y) pair —
 * other parameters swept too — combined with the stated aggregate.
 */
import { describe, expect, it } from "vitest";
import { metricDistributionChart } from "../../runtime/report/charts/metric-distribution.js";
import { renderChart } from "../../runtime/report/charts/render.js";
import { sweepHeatmapChart } from "../../runtime/report/charts/sweep-heatmap.js";
import { sweepLineChart } from "../../runtime/report/charts/sweep-line.js";
import { axisLevels, heatmapCells } from "../../runtime/report/sweep/heatmap-cells.js";
import { normalizeSvg } from "./normalize-svg.js";

// Three parameters: fast × slow × stop, a metric that depends on all three.
const fast = [5, 10, 20];
const slow = [30, 60];
const stop = [0.02, 0.05];
const xs: number[] = [];
const ys: number[] = [];
const metric: number[] = [];
for (const f of fast)
  for (const s of slow)
    for (const k of stop) {
      xs.push(f);
      ys.push(s);
      metric.push(Math.round((1 - Math.abs(f - 10) / 10 + s / 100 - k * 10) * 1000) / 1000);
    }

describe("heatmap cells", () => {
  it("aggregate the other parameters with max, min, mean or median", () => {
    const cell = (how: "max" | "min" | "mean" | "median") =>
      heatmapCells(xs, ys, metric, how).cells.find((c) => c.x === "10" && c.y === "60")!;
    // fast 10, slow 60: stop 0.02 → 1.4, stop 0.05 → 1.1
    expect(cell("max")).toEqual({ x: "10", y: "60", value: 1.4, trials: 2 });
    expect(cell("min").value).toBeCloseTo(1.1, 12);
    expect(cell("mean").value).toBeCloseTo(1.25, 12);
    expect(cell("median").value).toBeCloseTo(1.25, 12);
    expect(heatmapCells(xs, ys, metric, "max").cells).toHaveLength(6);
  });

  it("skip undefined values, and leave a cell with none NaN", () => {
    const { cells } = heatmapCells([1, 1, 2], [1, 1, 1], [Number.NaN, 3, Number.NaN], "mean");
    expect(cells.find((c) => c.x === "1")!.value).toBe(3);
    expect(cells.find((c) => c.x === "2")!.value).toBeNaN();
  });

  it("order numbers numerically and group a long numeric axis into contiguous ranges", () => {
    expect(axisLevels([10, 5, 100, 5], 50).labels).toEqual(["5", "10", "100"]);
    expect(axisLevels(["b", "a", "b"], 50).labels).toEqual(["b", "a"]);
    const long = axisLevels(
      Array.from({ length: 196 }, (_, i) => i + 5),
      50,
    );
    expect(long.grouped).toBe(true);
    expect(long.labels).toHaveLength(50);
    expect(long.labels[0]).toBe("5–7");
    expect(long.labelOf(6)).toBe("5–7");
    expect(long.labels.at(-1)).toBe("197–200");
  });
});

const grid = heatmapCells(xs, ys, metric, "max");

const charts = {
  "sweep-heatmap": () =>
    sweepHeatmapChart(grid.cells, {
      title: "Sharpe Ratio over strategy.fast × strategy.slow (max over the other parameters)",
      xName: "strategy.fast",
      yName: "strategy.slow",
      xLabels: grid.x.labels,
      yLabels: grid.y.labels,
      metricLabel: "Sharpe Ratio",
      format: "ratio",
      better: "higher",
      selected: { x: "10", y: "60" },
    }),
  "sweep-line": () =>
    sweepLineChart(
      fast.map((f, i) => ({ x: f, value: [0.4, 1.2, 0.1][i]! })),
      {
        title: "Sharpe Ratio over strategy.fast",
        xName: "strategy.fast",
        metricLabel: "Sharpe Ratio",
        format: "ratio",
        selected: 10,
      },
    ),
  "metric-distribution": () =>
    metricDistributionChart(Float64Array.from([...metric, Number.NaN]), {
      title: "Sharpe Ratio over all trials",
      metricLabel: "Sharpe Ratio",
      format: "ratio",
      bins: 8,
      selected: 1.4,
      selectedLabel: "selected",
    }),
};

describe("sweep charts render to SVG (snapshots)", () => {
  for (const [name, build] of Object.entries(charts)) {
    it(name, async () => {
      const rendered = await renderChart(build());
      expect(rendered.svg.startsWith("<svg")).toBe(true);
      expect(rendered.svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
      await expect(normalizeSvg(rendered.svg)).toMatchFileSnapshot(
        `__snapshots__/${name}.svg.snap`,
      );
    });
  }

  it("outlines the selected trial's cell and colors lower-is-better metrics the other way", () => {
    const spec = (better: "higher" | "lower") =>
      JSON.stringify(
        sweepHeatmapChart(grid.cells, {
          title: "t",
          xName: "x",
          yName: "y",
          xLabels: grid.x.labels,
          yLabels: grid.y.labels,
          metricLabel: "m",
          format: "ratio",
          better,
          selected: { x: "10", y: "60" },
        }).spec,
      );
    expect(spec("higher")).toContain('"reverse":false');
    expect(spec("lower")).toContain('"reverse":true');
    expect(spec("higher")).toContain('"values":[{"x":"10","y":"60"}]');
  });

  it("the distribution counts every finite trial once", () => {
    const spec = metricDistributionChart(Float64Array.from([...metric, Number.NaN]), {
      title: "t",
      metricLabel: "m",
      format: "ratio",
      bins: 8,
    }).spec;
    const layers = "layer" in spec ? spec.layer : [];
    const data = (layers[0] as { data: { values: { n: number }[] } }).data.values;
    expect(data.reduce((a, b) => a + b.n, 0)).toBe(metric.length);
  });
});
