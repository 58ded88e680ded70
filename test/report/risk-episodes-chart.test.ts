import { describe, expect, it } from "vitest";
import { renderChart } from "../../runtime/report/charts/render.js";
import { riskEpisodesChart } from "../../runtime/report/charts/risk-episodes.js";
import { riskEpisodes } from "../../runtime/risk/episodes.js";
import { normalizeSvg } from "./normalize-svg.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2016, 0, 4);
const event = (bar: number, rule: string, message: string, after: number) => ({
  bar,
  time: T0 + bar * DAY,
  rule,
  message,
  before: 1,
  after,
});

const episodes = riskEpisodes([
  ...[10, 11, 12, 13, 14].map((b) =>
    event(b, "drawdown_control", "drawdown 10.4%: exposure scaled to 50.0%", 0.5),
  ),
  event(15, "drawdown_control", "drawdown control re-entry (after 20 bars)", 1),
  event(40, "vol_target", "forecast volatility 20.1% vs target 15.0%: scale ×0.745", 0.745),
  event(41, "vol_target", "forecast volatility 23.8% vs target 15.0%: scale ×0.631", 0.631),
  event(90, "kill_switch", "kill-switch tripped: drawdown 35.2% ≥ 35.0%; all positions flat", 0),
]);

describe("risk episodes chart", () => {
  it("draws one lane per rule and one bar per episode (snapshot)", async () => {
    const rendered = await renderChart(
      riskEpisodesChart(episodes, { barMs: DAY, domain: [T0, T0 + 120 * DAY] }),
    );
    expect(rendered.svg.startsWith("<svg")).toBe(true);
    for (const rule of ["drawdown_control", "vol_target", "kill_switch"])
      expect(rendered.svg).toContain(rule);
    await expect(normalizeSvg(rendered.svg)).toMatchFileSnapshot(
      "__snapshots__/risk-episodes.svg.snap",
    );
  });

  it("spans the whole backtest when given its period", () => {
    const spec = riskEpisodesChart(episodes, { domain: [T0, T0 + 120 * DAY] }).spec;
    const layers = "layer" in spec ? spec.layer : [];
    expect(layers).toHaveLength(2);
    const rects = riskEpisodesChart(episodes).spec;
    expect("layer" in rects ? rects.layer : []).toHaveLength(1);
  });
});
