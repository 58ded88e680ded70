import { describe, expect, it } from "vitest";
import { agentEvaluationSummary } from "../../runtime/report/inputs/agent-evaluation-file.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import type { TearSheetInput } from "../../runtime/report/tear-sheet-input.js";

const strategy = { name: "sma_crossover", totalReturn: 0.12, sharpeRatio: 0.9, maxDrawdown: -0.08 };
const benchmark = { name: "buy_and_hold", totalReturn: 0.2, sharpeRatio: 0.7, maxDrawdown: -0.15 };

const sectionOf = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}"`);
  return html.slice(start, html.indexOf("</section>", start));
};

describe("verdict of a rule strategy without a risk overlay", () => {
  it("compares with the benchmark only, without before/after labels", async () => {
    const input: TearSheetInput = {
      title: "rule",
      verdict: {
        segment: "test",
        start: Date.UTC(2016, 0, 4),
        end: Date.UTC(2017, 11, 29),
        riskRules: [],
        backtest: { strategy, benchmark },
      },
    };
    const html = sectionOf(await renderTearSheet(input, { sections: ["kpis"] }), "kpis");
    expect(html).toContain(
      '<p class="lead pos">sma_crossover beat buy_and_hold on the test segment (2016-01-04 → 2017-12-29) (by Sharpe ratio). Sharpe ratio (total return): sma_crossover 0.90 (12.00%); buy_and_hold 0.70 (20.00%).</p>',
    );
    expect(html).not.toContain("risk overlay");
    expect(html).toContain('<div class="tile-value pos">beat</div>');
  });

  it("says NOT when the strategy lost to one of them", async () => {
    const input: TearSheetInput = {
      title: "rule",
      verdict: {
        segment: "test",
        riskRules: ["kill_switch"],
        backtest: {
          strategy,
          benchmark,
          baseline: {
            name: "sma_crossover",
            totalReturn: 0.3,
            sharpeRatio: 1.4,
            maxDrawdown: -0.05,
          },
        },
      },
    };
    const html = sectionOf(await renderTearSheet(input, { sections: ["kpis"] }), "kpis");
    expect(html).toContain(
      "sma_crossover beat buy_and_hold but NOT the sma_crossover baseline on the test segment, after risk overlay (by Sharpe ratio).",
    );
    expect(html).toContain('<p class="lead warn">');
  });
});

describe("the agent's evaluation.json as the report reads it", () => {
  it("keeps the seeds' scores and the comparison before the overlay", () => {
    const summary = agentEvaluationSummary(
      {
        seeds: 2,
        episodesPerSeed: 5,
        train: { n: 10, mean: 0.01, std: 0.02, iqm: 0.009, min: 0, max: 0.1 },
        valid: null,
        test: { n: 10, mean: -0.01, std: 0.03, iqm: -0.008, min: -0.1, max: 0.05 },
        comparison: {
          agent: { totalReturn: -0.1, sharpeRatio: -0.5, maxDrawdown: -0.2 },
          buyAndHold: { totalReturn: 0.2, sharpeRatio: 0.7, maxDrawdown: -0.1 },
          baseline: { name: "sma_crossover", stats: { totalReturn: 0.1, sharpeRatio: 0.5 } },
        },
      },
      "ppo",
    );
    expect(summary).toEqual({
      seeds: 2,
      episodesPerSeed: 5,
      train: { n: 10, mean: 0.01, std: 0.02, iqm: 0.009 },
      test: { n: 10, mean: -0.01, std: 0.03, iqm: -0.008 },
      comparison: {
        strategy: { name: "ppo", totalReturn: -0.1, sharpeRatio: -0.5, maxDrawdown: -0.2 },
        benchmark: { name: "buy_and_hold", totalReturn: 0.2, sharpeRatio: 0.7, maxDrawdown: -0.1 },
        baseline: { name: "sma_crossover", totalReturn: 0.1, sharpeRatio: 0.5, maxDrawdown: null },
      },
    });
  });

  it("is nothing for a file that is not an evaluation", () => {
    expect(agentEvaluationSummary([], "ppo")).toBeUndefined();
    expect(agentEvaluationSummary({ seeds: "2" }, "ppo")).toBeUndefined();
  });
});
