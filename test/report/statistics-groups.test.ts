import { describe, expect, it } from "vitest";
import { statLabels } from "../../runtime/backtest/stats/labels.js";
import { statisticKeys } from "../../runtime/backtest/stats/index.js";
import { reportMessages } from "../../runtime/messages/report.js";
import { statisticRows } from "../../runtime/report/statistic-rows.js";
import {
  STATISTIC_GROUP_OF,
  STATISTIC_GROUPS,
  statisticGroupTitle,
} from "../../runtime/report/statistic-groups.js";
import { statisticsSection } from "../../runtime/report/sections/statistics.js";
import { renderTearSheet } from "../../runtime/report/tear-sheet.js";
import { syntheticTearSheetInput } from "./fixtures/synthetic-input.js";

const input = syntheticTearSheetInput();

/** Handlebars' HTML escaping. */
const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
  "`": "&#x60;",
  "=": "&#x3D;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"'`=]/g, (c) => ESCAPES[c]!);

describe("grouped statistics", () => {
  it("puts every statistic in one of the groups", () => {
    for (const key of statisticKeys) expect(STATISTIC_GROUPS).toContain(STATISTIC_GROUP_OF[key]);
    expect(STATISTIC_GROUPS.map(statisticGroupTitle)).toEqual([
      "Period and exposure",
      "Returns",
      "Risk",
      "Risk-adjusted",
      "Trades",
      "Benchmark-relative",
      "Tail",
    ]);
  });

  it("shows one table per group, in group order, each statistic once", () => {
    const plan = statisticsSection(input, {})!;
    const captions = plan.tables!.map((t) => t.caption);
    expect(captions).toEqual(
      STATISTIC_GROUPS.filter((g) =>
        input.statistics!.some(
          (s) => STATISTIC_GROUP_OF[s.key as keyof typeof STATISTIC_GROUP_OF] === g,
        ),
      ).map(statisticGroupTitle),
    );
    const labels = plan.tables!.flatMap((t) => t.rows.map((r) => r[0]!.text));
    expect(labels.sort()).toEqual(input.statistics!.map((s) => s.label).sort());
    const labelOf = (key: string) => input.statistics!.find((s) => s.key === key)!.label;
    const risk = plan.tables!.find((t) => t.caption === "Risk")!;
    expect(risk.rows.map((r) => r[0]!.text)).toContain(labelOf("maxDrawdown"));
    const adjusted = plan.tables!.find((t) => t.caption === "Risk-adjusted")!;
    expect(adjusted.rows.map((r) => r[0]!.text)).toContain(labelOf("sharpeRatio"));
  });

  it("explains each statistic in a tooltip taken from the one label catalog", async () => {
    const html = await renderTearSheet(input, { sections: ["statistics"] });
    const label = input.statistics!.find((s) => s.key === "sharpeRatio")!.label;
    expect(html).toContain(
      `title="${escapeHtml(statLabels.sharpeRatio.description)}">${escapeHtml(label)}</td>`,
    );
    expect(html).toContain(`<caption>${reportMessages.statisticGroups.riskAdjusted()}</caption>`);
    const tooltips = [...html.matchAll(/<td class="[^"]*" title="[^"]*">/g)].length;
    expect(tooltips).toBe(input.statistics!.length);
  });

  it("keeps a row the statistics module does not know, without a tooltip", () => {
    const rows = [
      ...statisticRows({ totalReturn: 0.1 }),
      { key: "custom", label: "Custom", format: "ratio" as const, strategy: 1 },
    ];
    const plan = statisticsSection({ title: "t", statistics: rows }, {})!;
    const all = plan.tables!.flatMap((t) => t.rows);
    expect(all.find((r) => r[0]!.text === "Custom")![0]!.title).toBeUndefined();
    expect(all.find((r) => r[0]!.text === "Return")![0]!.title).toBe(
      statLabels.totalReturn.description,
    );
  });
});
