import { describe, expect, it } from "vitest";
import type { RiskEvent } from "../../runtime/contracts/portfolio.js";
import { riskEventsCsv, summarizeRiskEvents } from "../../runtime/risk/events.js";

const events: RiskEvent[] = [
  {
    bar: 5,
    time: Date.UTC(2020, 2, 9),
    rule: "drawdown_control",
    message: "drawdown 10.9%: exposure scaled to 50.0%",
    before: [1, 0],
    after: [0.5, 0],
  },
  {
    bar: 9,
    time: Date.UTC(2020, 2, 13),
    rule: "drawdown_control",
    message: "x",
    before: [0.5, 0.5],
    after: [0, 0],
  },
  {
    bar: 9,
    time: Date.UTC(2020, 2, 13),
    rule: "vol_target",
    message: 'say "hi"',
    before: [1, -1],
    after: [0.8, -0.8],
  },
];

describe("risk event summaries", () => {
  it("counts per rule with first/last time and mean gross change", () => {
    const s = summarizeRiskEvents(events);
    expect(s.total).toBe(3);
    expect(s.byRule.drawdown_control).toEqual({
      count: 2,
      firstTime: Date.UTC(2020, 2, 9),
      lastTime: Date.UTC(2020, 2, 13),
      meanGrossChange: (-0.5 + -1) / 2,
    });
    expect(s.byRule.vol_target!.meanGrossChange).toBeCloseTo(-0.4, 14);
  });

  it("writes a CSV with quoted text", () => {
    const csv = riskEventsCsv(events, ["A", "B"]).trim().split("\n");
    expect(csv[0]).toBe("time,bar,rule,message,before (A;B),after (A;B)");
    expect(csv[3]).toBe('2020-03-13T00:00:00.000Z,9,"vol_target","say ""hi""",1;-1,0.8;-0.8');
  });
});
