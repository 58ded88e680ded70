import { type Diagnostic, UserError } from "../core/errors.js";
import { UnknownTypeError } from "../core/named-registry.js";
import { riskMessages as m } from "../messages/risk.js";
import { createRiskManager, type RiskManager } from "./manager.js";
import { createRiskRuleRegistry } from "./registry.js";
import { diagnostic, opt, type RuleEnvironment } from "./rule.js";

export interface RiskRuleSpec {
  readonly type: string;
  readonly name?: string;
  readonly [option: string]: unknown;
}

export interface RiskSection {
  readonly rules: readonly RiskRuleSpec[];
}

export interface RiskSpecLocation {
  /** Spec file, for diagnostics. */
  readonly file?: string;
  /** JSON pointer of the section (default `/risk`). */
  readonly path?: string;
}

function crossRuleChecks(section: RiskSection, path: string, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let grossCap = Number.POSITIVE_INFINITY;
  let grossKey = "";
  section.rules.forEach((r, i) => {
    if (r.type !== "position_limits") return;
    for (const key of ["max_gross", "max_leverage"]) {
      const v = opt(r, key);
      if (v !== undefined && v < grossCap) {
        grossCap = v;
        grossKey = `rules/${i}/${key}`;
      }
    }
  });
  section.rules.forEach((r, i) => {
    const maxWeight = r.type === "concentration" ? opt(r, "max_weight") : undefined;
    if (maxWeight !== undefined && maxWeight > grossCap) {
      out.push(
        diagnostic(
          file,
          `${path}/rules/${i}/max_weight`,
          m.contradicts("max_weight", maxWeight, grossKey, grossCap),
          m.contradictsHint("max_weight", grossKey),
        ),
      );
    }
  });
  return out;
}

/** Every problem of a risk section that can be found without data: unknown types, bad or contradictory limits. */
export function checkRiskSection(
  section: RiskSection,
  location: RiskSpecLocation = {},
): Diagnostic[] {
  const file = location.file ?? "spec";
  const path = location.path ?? "/risk";
  const registry = createRiskRuleRegistry();
  const out: Diagnostic[] = [];
  section.rules.forEach((rule, i) => {
    const rulePath = `${path}/rules/${i}`;
    try {
      out.push(...registry.get(rule.type).check(rule, rulePath, file));
    } catch (error) {
      if (!(error instanceof UnknownTypeError)) throw error;
      out.push(
        diagnostic(
          file,
          `${rulePath}/type`,
          m.unknownRule(rule.type, error.suggestion),
          m.validTypes(error.known),
        ),
      );
    }
  });
  out.push(...crossRuleChecks(section, path, file));
  return out;
}

/** Symbol references (`per_asset`, `groups`) that the data does not have. */
export function checkRiskSymbols(
  section: RiskSection,
  symbols: readonly string[],
  location: RiskSpecLocation = {},
): Diagnostic[] {
  const file = location.file ?? "spec";
  const path = location.path ?? "/risk";
  const out: Diagnostic[] = [];
  section.rules.forEach((rule, i) => {
    const perAsset = (rule.per_asset ?? {}) as Record<string, unknown>;
    for (const sym of Object.keys(perAsset)) {
      if (!symbols.includes(sym)) {
        out.push(
          diagnostic(file, `${path}/rules/${i}/per_asset/${sym}`, m.unknownSymbol(sym, symbols)),
        );
      }
    }
    const groups = (rule.groups ?? {}) as Record<string, { symbols?: string[] }>;
    for (const [name, g] of Object.entries(groups)) {
      (g.symbols ?? []).forEach((sym, j) => {
        if (!symbols.includes(sym)) {
          out.push(
            diagnostic(
              file,
              `${path}/rules/${i}/groups/${name}/symbols/${j}`,
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
  section: RiskSection,
  env: RuleEnvironment,
  location: RiskSpecLocation = {},
): RiskManager {
  throwIfErrors([
    ...checkRiskSection(section, location),
    ...checkRiskSymbols(section, env.symbols, location),
  ]);
  const registry = createRiskRuleRegistry();
  return createRiskManager(section.rules.map((r) => registry.get(r.type).create(r, env)));
}
