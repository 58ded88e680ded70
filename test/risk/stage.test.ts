import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isUserError, type UserError } from "../../runtime/core/errors.js";
import { createRiskStage as createResolved } from "../../runtime/risk/stage.js";
import { readOhlcvCsv } from "../support/csv-panel.js";
import { testContext } from "../regime/support/context.js";
import { referenceLoop } from "./support/reference-loop.js";
import { withDefaults } from "../support/spec-values.js";
import { panelDataset } from "../support/panel-dataset.js";
import type { OhlcvPanel, Segments } from "../../runtime/contracts/panel.js";

/** One segment over every bar (the risk stage reads only the panel). */
const wholePanel = (p: OhlcvPanel): Segments => ({
  train: { start: 0, end: p.timestamps.length },
  test: { start: 0, end: p.timestamps.length },
});

/**
 * The stage of a risk section with the schema's defaults filled, as a loaded
 * spec holds it; not validated, so the stage's own checks see the bad values.
 */
function createRiskStage(
  section: { rules: Record<string, unknown>[] },
  options: { periodsPerYear?: number } = {},
) {
  return createResolved(withDefaults("risk", section), undefined, options);
}

const panel = readOhlcvCsv("sp500_daily_2000_2020_vega.csv", "SPX");

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    if (isUserError(error)) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

describe("risk stage", () => {
  it("builds a TargetOverlay for the data and writes risk.json", async () => {
    const section = {
      rules: [
        { type: "vol_target", target: 0.1, max_leverage: 1 },
        {
          type: "drawdown_control",
          levels: [
            { drawdown: 0.1, scale: 0.5 },
            { drawdown: 0.2, scale: 0 },
          ],
          reentry: { after_bars: 60 },
        },
        { type: "position_limits", max_position: 1, allow_short: false },
      ],
    };
    const stage = createRiskStage(section);
    expect(stage.kind).toBe("risk");
    expect(stage.inputs).toEqual(["data"]);
    const ctx = testContext(1, "risk");
    const { overlay: manager, document } = await stage.run(ctx, {
      data: panelDataset(panel, wholePanel(panel)),
    });
    const json = JSON.parse(readFileSync(ctx.artifacts.path("risk.json"), "utf8"));
    expect(json.periodsPerYear).toBe(252);
    expect(json.symbols).toEqual(["SPX"]);
    expect(json).toEqual(JSON.parse(JSON.stringify(document)));
    // Buy and hold vs the overlay across 2008: the overlay's max drawdown is smaller.
    const hold = referenceLoop(panel, () => Float64Array.of(1), null);
    const guarded = referenceLoop(panel, () => Float64Array.of(1), manager);
    const maxDd = (eq: Float64Array) => {
      let peak = 0;
      let worst = 0;
      for (const v of eq) {
        if (!Number.isFinite(v)) continue;
        peak = Math.max(peak, v);
        worst = Math.max(worst, 1 - v / peak);
      }
      return worst;
    };
    expect(maxDd(hold.equity)).toBeGreaterThan(0.5);
    expect(maxDd(guarded.equity)).toBeLessThan(0.35);
    const rules = new Set(guarded.events.map((e) => e.rule));
    expect(rules.has("vol_target")).toBe(true);
    expect(rules.has("drawdown_control")).toBe(true);
    for (const e of guarded.events.slice(0, 50)) {
      expect(e.time).toBe(panel.timestamps[e.bar]);
      expect(e.before).toHaveLength(1);
      expect(e.after).toHaveLength(1);
    }
    expect(existsSync(ctx.artifacts.path("risk.json"))).toBe(true);
  });

  it("annualizes vol_target as the statistics do: the spec's periods_per_year override wins", async () => {
    const section = { rules: [{ type: "vol_target", target: 0.1, max_leverage: 1 }] };
    const data = panelDataset(panel, wholePanel(panel));
    const inferred = await createRiskStage(section).run(testContext(1, "risk"), { data });
    const overridden = await createRiskStage(section, { periodsPerYear: 365 }).run(
      testContext(1, "risk"),
      { data },
    );
    expect(inferred.document.periodsPerYear).toBe(252);
    expect(overridden.document.periodsPerYear).toBe(365);
  });

  it("rejects bad input naming the spec path, before anything runs", () => {
    const target = userError(() =>
      createRiskStage({
        rules: [
          { type: "position_limits", max_gross: 1 },
          { type: "drawdown_control" },
          { type: "vol_target", target: 0 },
        ],
      }),
    );
    expect(target.diagnostics.map((d) => d.path)).toEqual(["/risk/rules/2/target"]);
    const contradictory = userError(() =>
      createRiskStage({
        rules: [
          { type: "position_limits", max_position: 1.5, max_gross: 1, min_net: 0.5, max_net: 0.2 },
          { type: "concentration", max_weight: 2 },
        ],
      }),
    );
    expect(contradictory.diagnostics.map((d) => d.path)).toEqual([
      "/risk/rules/0/max_position",
      "/risk/rules/0/min_net",
      "/risk/rules/1/max_weight",
    ]);
    expect(contradictory.message).toBe("spec: 3 problems in the risk section; nothing was run");
    expect(contradictory.diagnostics[0]!.message).toContain("contradicts");
    const levels = userError(() =>
      createRiskStage({
        rules: [
          {
            type: "drawdown_control",
            levels: [
              { drawdown: 0.2, scale: 0.5 },
              { drawdown: 0.1, scale: 0 },
            ],
          },
        ],
      }),
    );
    expect(levels.diagnostics[0]!.path).toBe("/risk/rules/0/levels/1");
    const typo = userError(() => createRiskStage({ rules: [{ type: "vol_targt", target: 0.1 }] }));
    expect(typo.diagnostics[0]!.path).toBe("/risk/rules/0/type");
    expect(typo.diagnostics[0]!.message).toContain('did you mean "vol_target"');
    const stop = userError(() =>
      createRiskStage({ rules: [{ type: "stop_loss", method: "fixed" }] }),
    );
    expect(stop.diagnostics[0]!.path).toBe("/risk/rules/0/stop");
  });

  it("rejects symbols the data does not have when the stage runs", async () => {
    const stage = createRiskStage({
      rules: [{ type: "position_limits", per_asset: { AAPL: 0.2 } }],
    });
    await expect(
      stage.run(testContext(1, "risk"), { data: panelDataset(panel, wholePanel(panel)) }),
    ).rejects.toMatchObject({
      diagnostics: [{ path: "/risk/rules/0/per_asset/AAPL" }],
    });
  });
});
