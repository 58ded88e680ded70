import { describe, expect, it } from "vitest";
import {
  type ChartSpec,
  comparisonDrawdownChart,
  comparisonEquityChart,
  correlationNetworkChart,
  drawdownChart,
  equityChart,
  monthlyHeatmapChart,
  regimesChart,
  renderChart,
  returnDistributionChart,
  rollingBetaChart,
  rollingSharpeChart,
  rollingVolatilityChart,
  scenarioAnalysisChart,
  svgToPng,
  trainingCurvesChart,
  yearlyReturnsChart,
} from "../../runtime/report/charts/index.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";
import { normalizeSvg } from "./normalize-svg.js";

const input = syntheticTearSheetInput({ seed: 7 });
const other = syntheticTearSheetInput({ seed: 11, alpha: -0.0002 });

const charts: [string, () => ChartSpec][] = [
  ["equity", () => equityChart(input.equity!)],
  ["equity-log", () => equityChart(input.equity!, { logScale: true })],
  ["drawdown", () => drawdownChart(input.drawdown!)],
  ["monthly-returns", () => monthlyHeatmapChart(input.monthlyReturns!)],
  ["yearly-returns", () => yearlyReturnsChart(input.yearlyReturns!)],
  ["rolling-sharpe", () => rollingSharpeChart(input.rolling!.sharpe!, 63)],
  ["rolling-volatility", () => rollingVolatilityChart(input.rolling!.volatility!, 63)],
  ["rolling-beta", () => rollingBetaChart(input.rolling!.beta!, 63)],
  ["return-distribution", () => returnDistributionChart(input.returnDistribution!)],
  ["regimes", () => regimesChart(input.regimes!)],
  ["training-curves", () => trainingCurvesChart(input.training!)],
  ["correlation-network", () => correlationNetworkChart(input.correlation!)],
  ["scenario-analysis", () => scenarioAnalysisChart(input.scenarios!)],
  [
    "comparison-equity",
    () =>
      comparisonEquityChart([
        { name: "a", series: input.equity!.strategy },
        { name: "b", series: other.equity!.strategy },
      ]),
  ],
  [
    "comparison-drawdown",
    () =>
      comparisonDrawdownChart([
        { name: "a", series: input.drawdown! },
        { name: "b", series: other.drawdown! },
      ]),
  ],
];

describe("charts render to SVG (snapshots on seeded data)", () => {
  for (const [name, build] of charts) {
    it(name, async () => {
      const rendered = await renderChart(build());
      expect(rendered.svg.startsWith("<svg")).toBe(true);
      expect(rendered.svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
      await expect(normalizeSvg(rendered.svg)).toMatchFileSnapshot(
        `__snapshots__/${name}.svg.snap`,
      );
    });
  }

  it("draws a baseline as a third equity line when there is one", async () => {
    const spec = equityChart({
      ...input.equity!,
      baseline: other.equity!.strategy,
      baselineLabel: "sma_crossover (baseline)",
    });
    const svg = (await renderChart(spec)).svg;
    for (const name of ["strategy", "benchmark", "sma_crossover (baseline)"])
      expect(svg).toContain(name);
  });

  it("renders the same SVG twice (deterministic)", async () => {
    const a = await renderChart(equityChart(input.equity!));
    const b = await renderChart(equityChart(syntheticTearSheetInput({ seed: 7 }).equity!));
    expect(a.svg).toBe(b.svg);
  });

  it("prefixes generated ids with the chart name so charts can share a page", async () => {
    const svg = (await renderChart(monthlyHeatmapChart(input.monthlyReturns!))).svg;
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith("monthly-returns-")).toBe(true);
    const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
    for (const ref of refs) expect(ids).toContain(ref);
  });

  it("rasterizes to PNG with resvg", async () => {
    const svg = (await renderChart(drawdownChart(input.drawdown!))).svg;
    const png = svgToPng(svg, { width: 400 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    expect(width).toBe(400);
  });
});
