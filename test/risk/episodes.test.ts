import { describe, expect, it } from "vitest";
import { type EpisodeEvent, reasonKey, riskEpisodes } from "../../runtime/risk/episodes.js";

const DAY = 86_400_000;
const at = (bar: number, rule: string, message: string, before = 1, after = 0.5): EpisodeEvent => ({
  bar,
  time: bar * DAY,
  rule,
  message,
  before,
  after,
});

describe("riskEpisodes", () => {
  it("merges consecutive bars of the same rule and reason into one episode", () => {
    const events = [10, 11, 12, 13].map((b) =>
      at(b, "drawdown_control", "drawdown 10.6%: exposure scaled to 50.0%"),
    );
    const episodes = riskEpisodes(events);
    expect(episodes).toEqual([
      {
        rule: "drawdown_control",
        reason: "drawdown 10.6%: exposure scaled to 50.0%",
        firstBar: 10,
        lastBar: 13,
        firstTime: 10 * DAY,
        lastTime: 13 * DAY,
        barsActive: 4,
        events: 4,
        minScale: 0.5,
        maxScale: 0.5,
      },
    ]);
  });

  it("treats messages that differ only in their figures as one reason and keeps the scale range", () => {
    const episodes = riskEpisodes([
      at(5, "vol_target", "forecast volatility 17.4% vs target 15.0%: scale ×0.861", 1, 0.861),
      at(6, "vol_target", "forecast volatility 23.8% vs target 15.0%: scale ×0.631", 1, 0.631),
      at(7, "vol_target", "forecast volatility 11.6% vs target 15.0%: scale ×1.293", 0.5, 0.6465),
    ]);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]!.reason).toBe("forecast volatility 17.4% vs target 15.0%: scale ×0.861");
    expect(episodes[0]!.minScale).toBeCloseTo(0.631, 12);
    expect(episodes[0]!.maxScale).toBeCloseTo(1.293, 12);
    expect(reasonKey("drawdown 9.1%: exposure scaled to 50.0%")).toBe(
      "drawdown #%: exposure scaled to #%",
    );
  });

  it("splits an episode at a gap of one bar or more", () => {
    const msg = "drawdown 8.0%: exposure scaled to 50.0%";
    const episodes = riskEpisodes([at(1, "dd", msg), at(2, "dd", msg), at(4, "dd", msg)]);
    expect(episodes.map((e) => [e.firstBar, e.lastBar, e.barsActive])).toEqual([
      [1, 2, 2],
      [4, 4, 1],
    ]);
  });

  it("keeps rules and different reasons apart, even on the same bars, ordered by first bar", () => {
    const episodes = riskEpisodes([
      at(3, "vol_target", "scale ×0.9"),
      at(2, "drawdown_control", "drawdown 10%: exposure scaled to 50%"),
      at(3, "drawdown_control", "drawdown control re-entry (after 20 bars)", 0.5, 1),
      at(3, "drawdown_control", "drawdown 11%: exposure scaled to 50%"),
      at(4, "vol_target", "scale ×0.8"),
    ]);
    expect(
      episodes.map((e) => `${e.rule} ${e.firstBar}-${e.lastBar} ${reasonKey(e.reason)}`),
    ).toEqual([
      "drawdown_control 2-3 drawdown #%: exposure scaled to #%",
      "drawdown_control 3-3 drawdown control re-entry (after # bars)",
      "vol_target 3-4 scale ×#",
    ]);
  });

  it("counts several events of one rule on one bar once in bars active", () => {
    const episodes = riskEpisodes([at(7, "stop_loss", "stop SPY"), at(7, "stop_loss", "stop SPY")]);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]).toMatchObject({ barsActive: 1, events: 2 });
  });

  it("has no scale when the rule acted on a flat book", () => {
    const [episode] = riskEpisodes([at(1, "kill_switch", "kill-switch tripped", 0, 0)]);
    expect(episode).toMatchObject({ minScale: null, maxScale: null });
    expect(riskEpisodes([])).toEqual([]);
  });
});
