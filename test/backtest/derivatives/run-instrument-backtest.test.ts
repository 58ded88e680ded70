import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runFuturesBacktest } from "../../../runtime/backtest/derivatives/futures-backtest.js";
import { createInstrumentRegistry } from "../../../runtime/backtest/derivatives/instrument-registry.js";
import {
  instrumentSection,
  type InstrumentSection,
} from "../../../runtime/backtest/derivatives/instrument-section.js";
import { OPTION_STRATEGY_NAMES } from "../../../runtime/backtest/derivatives/option-strategies.js";
import { runOptionsBacktest } from "../../../runtime/backtest/derivatives/options-backtest.js";
import {
  checkInstrument,
  runInstrumentBacktest,
} from "../../../runtime/backtest/derivatives/run-instrument-backtest.js";
import { UserError } from "../../../runtime/core/errors.js";
import { sectionLocation, specLocation } from "../../../runtime/core/spec-location.js";
import { createSchemaSet } from "../../../runtime/spec/schema-set.js";
import { tinyPanel } from "../tiny-panel.js";
import { randomWalk } from "./random-walk.js";

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const future = instrumentSection({
  type: "future",
  multiplier: 10,
  initial_margin: 500,
  maintenance_margin: 400,
});
const option = instrumentSection(
  instrumentSection({ type: "option", strategy: "straddle", volatility: 0.25 }),
);

describe("runInstrumentBacktest: dispatch by type", () => {
  const { panel, weights } = randomWalk(3, 120);

  it("`type: future` and `type: option` run the matching engine", () => {
    const opts = { cash: 50_000, range: { start: 10, end: 120 } };
    expect(runInstrumentBacktest(future, panel, weights, opts)).toEqual(
      runFuturesBacktest(panel, weights, future as never, opts),
    );
    const viaSpec = runInstrumentBacktest(option, panel, weights, opts);
    expect(viaSpec).toEqual(runOptionsBacktest(panel, weights, option as never, opts));
    expect(viaSpec.instrument).toBe("option");
    expect(viaSpec.derivatives.kind).toBe("option");
  });

  it("the registry is built by a function and lists the schema's types", () => {
    const a = createInstrumentRegistry();
    expect(a).not.toBe(createInstrumentRegistry());
    const schema = JSON.parse(readFileSync("schemas/instrument.schema.json", "utf8"));
    expect(a.names()).toEqual([...schema.properties.type.enum].sort());
    const optionBranch = schema.oneOf.find(
      (b: { properties: { type: { const: string } } }) => b.properties.type.const === "option",
    );
    expect([...optionBranch.properties.strategy.enum].sort()).toEqual(
      [...OPTION_STRATEGY_NAMES].sort(),
    );
  });

  it("a panel with several symbols needs `symbol:`; an unknown one gets a did-you-mean", () => {
    const two = tinyPanel([
      { open: [1, 2, 3], close: [1, 2, 3] },
      { open: [1, 2, 3], close: [1, 2, 3] },
    ]);
    const w = [new Float64Array(3), new Float64Array(3)];
    const run = (section: InstrumentSection) => () =>
      runInstrumentBacktest(section, two, w, { cash: 1000 });
    expect(run(future)).toThrow(UserError);
    const error = caught(run({ ...future, symbol: "S9" }));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).diagnostics[0]).toMatchObject({
      path: "/backtest/instrument/symbol",
      message: expect.stringMatching(/"S9" is not in the data; did you mean "S0"\?/),
    });
    expect(run({ ...future, symbol: "S1" })().symbol).toBe(1);
  });
});

describe("checkInstrument: semantic errors name the spec path", () => {
  it("maintenance margin above the initial margin", () => {
    const d = checkInstrument(
      { ...future, initial_margin: 500, maintenance_margin: 600 } as InstrumentSection,
      specLocation("specs/x.yaml").at("/backtest/instrument"),
    );
    expect(d).toEqual([
      expect.objectContaining({
        file: "specs/x.yaml",
        path: "/backtest/instrument/maintenance_margin",
        severity: "error",
        message: expect.stringMatching(/maintenance_margin 600 is above initial_margin 500/),
        hint: expect.stringMatching(/at most 500/),
      }),
    ]);
  });

  it("tenor ≤ 0, a bad window, a negative fee, a non-positive multiplier", () => {
    const paths = (s: object) =>
      checkInstrument(s as InstrumentSection, sectionLocation("x")).map((d) => d.path);
    expect(paths({ type: "option", tenor_days: 0 })).toEqual(["/x/tenor_days"]);
    expect(paths({ type: "option", volatility: { source: "realized", window: 1 } })).toEqual([
      "/x/volatility/window",
    ]);
    expect(paths({ type: "option", volatility: -0.2, strike_step: 0 })).toEqual([
      "/x/strike_step",
      "/x/volatility",
    ]);
    expect(paths({ ...future, fee_per_contract: -1, multiplier: 0 })).toEqual([
      "/x/multiplier",
      "/x/fee_per_contract",
    ]);
    expect(paths({ type: "future" })).toEqual(["/x/initial_margin", "/x/maintenance_margin"]);
    expect(checkInstrument(future)).toEqual([]);
    expect(checkInstrument(option)).toEqual([]);
  });

  it("an unknown type lists the valid ones with a did-you-mean", () => {
    const [d] = checkInstrument({ type: "futures" } as unknown as InstrumentSection);
    expect(d).toMatchObject({
      path: "/backtest/instrument/type",
      message:
        'unknown instrument type "futures"; did you mean "future"?; valid types: future, option',
    });
  });

  it("runInstrumentBacktest throws a UserError carrying the diagnostics", () => {
    const { panel, weights } = randomWalk(1, 20);
    const bad = { type: "option", tenor_days: -3 } as InstrumentSection;
    expect(() => runInstrumentBacktest(bad, panel, weights, { cash: 1000 })).toThrow(
      /tenor_days must be an integer number of days >= 1; got -3/,
    );
  });
});

describe("schemas/instrument.schema.json", () => {
  const set = createSchemaSet(["schemas"]);
  const validate = set.validator("instrument.schema.json");

  it("loads, and its examples and the sections used here validate", () => {
    expect(set.broken.size).toBe(0);
    const schema = JSON.parse(readFileSync("schemas/instrument.schema.json", "utf8"));
    for (const example of [...schema.examples, future, option])
      expect(validate(example)).toBe(true);
  });

  it("rejects an unknown type, missing margins, extra keys and a zero tenor", () => {
    for (const bad of [
      { type: "swap" },
      { type: "future", multiplier: 50 },
      { ...future, expiry: "quarterly" },
      { type: "option", tenor_days: 0 },
      { type: "option", volatility: { source: "implied" } },
      { type: "option", strategy: "iron_condor" },
    ])
      expect(validate(bad)).toBe(false);
  });
});
