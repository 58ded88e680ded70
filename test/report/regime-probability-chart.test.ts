import { describe, expect, it } from "vitest";
import { regimeProbabilityChart } from "../../runtime/report/charts/regime-probability.js";
import { renderChart } from "../../runtime/report/charts/render.js";
import { normalizeSvg } from "./normalize-svg.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2016, 0, 4);
const n = 120;
const times = Float64Array.from({ length: n }, (_, i) => T0 + i * DAY);
const values = Float64Array.from({ length: n }, (_, i) =>
  i < 5 ? Number.NaN : 0.5 + 0.45 * Math.sin(i / 9),
);

describe("regime probability chart (the notebook's, from the report's chart library)", () => {
  it("draws the filtered probability on a 0..1 axis, skipping bars without one (snapshot)", async () => {
    const chart = regimeProbabilityChart({ times, values }, "turbulent");
    expect(chart.title).toBe("P(turbulent) filtered");
    const data = (chart.spec as { data: { values: { t: number }[] } }).data.values;
    expect(data).toHaveLength(n - 5);
    expect(data[0]!.t).toBe(times[5]);
    const rendered = await renderChart(chart);
    expect(rendered.svg.startsWith("<svg")).toBe(true);
    await expect(normalizeSvg(rendered.svg)).toMatchFileSnapshot(
      "__snapshots__/regime-probability.svg.snap",
    );
  });
});
