/**
 * Semantic checks of an instrument section beyond what the schema says
 * (maintenance ≤ initial margin, positive tenor, …): one Diagnostic per
 * problem, naming its place in the spec (file, pointer, line:col). Library
 * callers that skip schema validation get the same checks.
 */
import type { Diagnostic } from "../../core/errors.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { derivativesMessages } from "../../messages/derivatives.js";
import type { FuturesInstrumentSection, OptionInstrumentSection } from "./instrument-section.js";
import { OPTION_STRATEGY_NAMES } from "./option-strategies.js";

type Rule = (value: number) => boolean;

const positive: Rule = (v) => Number.isFinite(v) && v > 0;
const nonNegative: Rule = (v) => Number.isFinite(v) && v >= 0;
const integerFrom =
  (min: number): Rule =>
  (v) =>
    Number.isInteger(v) && v >= min;

/** Collects one diagnostic per bad field of the section at `loc`. */
class FieldChecks {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly loc: SpecLocation) {}

  add(field: string, message: string, hint?: string): void {
    this.diagnostics.push(specDiagnostic(this.loc.at(`/${field}`), message, hint));
  }

  number(field: string, value: unknown, rule: Rule, text: string): void {
    if (value === undefined) return;
    if (typeof value !== "number" || !rule(value))
      this.add(field, derivativesMessages.instrumentField(field, value, text));
  }
}

export function checkFuturesSection(
  section: FuturesInstrumentSection,
  loc: SpecLocation,
): Diagnostic[] {
  const c = new FieldChecks(loc);
  c.number("multiplier", section.multiplier, positive, "> 0");
  if (section.initial_margin === undefined)
    c.add(
      "initial_margin",
      derivativesMessages.instrumentField("initial_margin", undefined, ">= 0 (required)"),
    );
  if (section.maintenance_margin === undefined)
    c.add(
      "maintenance_margin",
      derivativesMessages.instrumentField("maintenance_margin", undefined, ">= 0 (required)"),
    );
  c.number("initial_margin", section.initial_margin, nonNegative, ">= 0");
  c.number("maintenance_margin", section.maintenance_margin, nonNegative, ">= 0");
  c.number("fee_per_contract", section.fee_per_contract, nonNegative, ">= 0");
  c.number(
    "roll/days_before_expiry",
    section.roll?.days_before_expiry,
    integerFrom(0),
    "an integer >= 0",
  );
  const { initial_margin: initial, maintenance_margin: maintenance } = section;
  if (typeof initial === "number" && typeof maintenance === "number" && maintenance > initial)
    c.add(
      "maintenance_margin",
      derivativesMessages.maintenanceAboveInitial(maintenance, initial),
      derivativesMessages.maintenanceHint(initial),
    );
  if (
    section.on_margin_call !== undefined &&
    !["deposit", "liquidate"].includes(section.on_margin_call)
  )
    c.add(
      "on_margin_call",
      derivativesMessages.instrumentField(
        "on_margin_call",
        section.on_margin_call,
        "deposit or liquidate",
      ),
    );
  return c.diagnostics;
}

export function checkOptionSection(
  section: OptionInstrumentSection,
  loc: SpecLocation,
): Diagnostic[] {
  const c = new FieldChecks(loc);
  if (section.strategy !== undefined && !OPTION_STRATEGY_NAMES.includes(section.strategy))
    c.add(
      "strategy",
      derivativesMessages.instrumentField(
        "strategy",
        section.strategy,
        `one of ${OPTION_STRATEGY_NAMES.join(", ")}`,
      ),
    );
  c.number("moneyness", section.moneyness, positive, "> 0");
  c.number("strike_step", section.strike_step, positive, "> 0");
  c.number("tenor_days", section.tenor_days, integerFrom(1), "an integer number of days >= 1");
  c.number("contract_size", section.contract_size, positive, "> 0");
  c.number("fee_per_contract", section.fee_per_contract, nonNegative, ">= 0");
  c.number("rate", section.rate, (v) => v > -0.5 && v < 0.5, "an annual fraction in (-0.5, 0.5)");
  c.number(
    "dividend_yield",
    section.dividend_yield,
    (v) => v > -0.5 && v < 0.5,
    "an annual fraction in (-0.5, 0.5)",
  );
  const vol = section.volatility;
  if (typeof vol === "number") c.number("volatility", vol, positive, "> 0 (annual, 0.2 = 20%)");
  else if (vol !== undefined) {
    c.number("volatility/window", vol.window, integerFrom(2), "an integer >= 2");
    c.number("volatility/periods_per_year", vol.periods_per_year, positive, "> 0");
    c.number(
      "volatility/premium",
      vol.premium,
      (v) => Number.isFinite(v) && v > -1 && v < 5,
      "a volatility in (-1, 5)",
    );
  }
  return c.diagnostics;
}
