/**
 * SVG snapshots (numbers rounded, ids renumbered) of the charts of what a
 * strategy held and traded: allocations held and targeted, per-asset
 * contribution, price with trade markers and volume, and the underwater
 * curve with its worst periods shaded; and the sections built from them.
 */
import { describe, expect, it } from "vitest";
import {
  allocationsChart,
  assetContributionChart,
  type ChartSpec,
  drawdownChart,
  priceTradesChart,
  renderChart,
} from "../../runtime/report/charts/index.js";
import { drawdownPeriodRows } from "../../runtime/report/inputs/drawdown-periods.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";
import { normalizeSvg } from "./normalize-svg.js";

const input = syntheticTearSheetInput({ seed: 7 });
const allocations = input.allocations!;
const price = input.price!;
const periods = input.drawdownPeriods!;

const charts: [string, () => ChartSpec][] = [
  ["allocations-actual", () => allocationsChart(allocations, { kind: "actual" })],
  ["allocations-target", () => allocationsChart(allocations, { kind: "target" })],
  ["asset-contribution", () => assetContributionChart(allocations.contributions)],
  ["price-trades", () => priceTradesChart(price)],
  ["drawdown-periods", () => drawdownChart(input.drawdown!, { periods })],
];

describe("position and trade charts render to SVG (snapshots on seeded data)", () => {
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

  it("stacks every symbol and cash, and marks long and short entries and exits", async () => {
    const svg = (await renderChart(allocationsChart(allocations))).svg;
    for (const name of ["DAX", "SMI", "CAC", "cash"]) expect(svg).toContain(`>${name}<`);
    const trades = (await renderChart(priceTradesChart(price))).svg;
    for (const name of ["long entry", "short entry", "exit", "volume"])
      expect(trades).toContain(name);
  });

  it("a price without volume draws the price pane alone", async () => {
    const { volume: _volume, ...noVolume } = price;
    const spec = priceTradesChart(noVolume);
    expect("vconcat" in spec.spec).toBe(false);
    expect((await renderChart(spec)).svg).not.toContain(">volume<");
  });
});

describe("the synthetic drawdown periods", () => {
  it("are the statistics module's worst periods (computed independently in the fixture)", () => {
    const { times, values } = input.equity!.strategy;
    expect(periods).toHaveLength(5);
    expect(periods).toEqual(drawdownPeriodRows(times, values, 5));
  });
});

describe("the sections", () => {
  it("show allocations, price and trades, and the worst drawdown periods in the tear sheet", async () => {
    const html = await renderTearSheet(input);
    for (const id of ["price", "drawdown", "allocations"])
      expect(html).toContain(`<section id="${id}"`);
    for (const id of [
      "chart-allocations-actual",
      "chart-allocations-target",
      "chart-asset-contribution",
      "chart-price-trades",
    ])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain("Worst 5 drawdown periods");
    expect(html).toContain("start (peak)");
    // Contributions add up in the "all assets" row: 4.21 − 1.25 + 0.98 = 3.94 %.
    expect(html).toContain("3.94%");
    // Price first, then drawdown, then allocations.
    const at = (id: string) => html.indexOf(`<section id="${id}"`);
    expect(at("equity")).toBeLessThan(at("price"));
    expect(at("price")).toBeLessThan(at("drawdown"));
    expect(at("drawdown")).toBeLessThan(at("allocations"));
  });

  it("leaves the allocations out for a single symbol and the price out without data", async () => {
    const single = { ...allocations, symbols: ["DAX"], target: [allocations.target[0]!] };
    const html = await renderTearSheet({ title: "t", allocations: single });
    expect(html).not.toContain('<section id="allocations"');
    expect(html).not.toContain('<section id="price"');
  });
});
