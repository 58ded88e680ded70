import { type Diagnostic, UserError } from "../core/errors.js";
import { UnknownTypeError } from "../core/named-registry.js";
import { riskMessages as m } from "../messages/risk.js";
import { createRiskManager, type RiskManager } from "./manager.js";
import { createRiskRuleRegistry } from "./registry.js";
import { specDiagnostic } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import type { RuleEnvironment } from "./rule.js";
import type { RiskSpec } from "../spec/types.generated.js";

export type { RiskRuleSpec } from "./rule.js";

function crossRuleChecks(section: RiskSpec, loc: SpecLocation): Diagnostic[] {
  const out: Diagnostic[] = [];
  let grossCap = Number.POSITIVE_INFINITY;
  let grossKey = "";
  section.rules.forEach((r, i) => {
    if (r.type !== "position_limits") return;
    for (const key of ["max_gross", "max_leverage"] as const) {
      const v = r[key];
      if (v !== undefined && v < grossCap) {
        grossCap = v;
        grossKey = `rules/${i}/${key}`;
      }
    }
  });
  section.rules.forEach((r, i) => {
    const maxWeight = r.type === "concentration" ? r.max_weight : undefined;
    if (maxWeight !== undefined && maxWeight > grossCap) {
      out.push(
        specDiagnostic(
          loc.at(`/rules/${i}/max_weight`),
          m.contradicts("max_weight", maxWeight, grossKey, grossCap),
          m.contradictsHint("max_weight", grossKey),
        ),
      );
    }
  });
  return out;
}

/**
 * Every problem of a risk section that can be found without data: unknown
 * types, bad or contradictory limits. `loc` is the section's place in the
 * spec (default: an experiment's `/risk`).
 */
export function checkRiskSection(
  section: RiskSpec,
  loc: SpecLocation = sectionLocation("risk"),
): Diagnostic[] {
  const registry = createRiskRuleRegistry();
  const out: Diagnostic[] = [];
  section.rules.forEach((rule, i) => {
    const ruleLoc = loc.at(`/rules/${i}`);
    try {
      out.push(...registry.get(rule.type).check(rule, ruleLoc));
    } catch (error) {
      if (!(error instanceof UnknownTypeError)) throw error;
      out.push(
        specDiagnostic(
          ruleLoc.at("/type"),
          m.unknownRule(rule.type, error.suggestion),
          m.validTypes(error.known),
        ),
      );
    }
  });
  out.push(...crossRuleChecks(section, loc));
  return out;
}

/** Symbol references (`per_asset`, `groups`) that the data does not have. */
export function checkRiskSymbols(
  section: RiskSpec,
  symbols: readonly string[],
  loc: SpecLocation = sectionLocation("risk"),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  section.rules.forEach((rule, i) => {
    const perAsset = rule.type === "position_limits" ? (rule.per_asset ?? {}) : {};
    for (const sym of Object.keys(perAsset)) {
      if (!symbols.includes(sym)) {
        out.push(
          specDiagnostic(loc.at(`/rules/${i}/per_asset/${sym}`), m.unknownSymbol(sym, symbols)),
        );
      }
    }
    const groups = rule.type === "concentration" ? (rule.groups ?? {}) : {};
    for (const [name, g] of Object.entries(groups)) {
      (g?.symbols ?? []).forEach((sym, j) => {
        if (!symbols.includes(sym)) {
          out.push(
            specDiagnostic(
              loc.at(`/rules/${i}/groups/${name}/symbols/${j}`),
              m.unknownSymbol(sym, symbols),
            ),
          );
        }
      });
    }
  });
  return out;
}

export function throwIfErrors(diagnostics: readonly Diagnostic[]): void {
  const first = diagnostics[0];
  if (first === undefined) return;
  throw new UserError(m.invalidSection(first.file, diagnostics.length), diagnostics);
}

/** Builds the risk manager of a section for a market (checks everything first). */
export function compileRiskSection(
  section: RiskSpec,
  env: RuleEnvironment,
  loc: SpecLocation = sectionLocation("risk"),
): RiskManager {
  throwIfErrors([
    ...checkRiskSection(section, loc),
    ...checkRiskSymbols(section, env.symbols, loc),
  ]);
  const registry = createRiskRuleRegistry();
  return createRiskManager(section.rules.map((r) => registry.get(r.type).create(r, env)));
}
