import { copyInto } from "../../core/copy-into.js";
import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { type RiskRuleFactory, ruleName } from "../rule.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { RiskConcentration } from "../../spec/types.generated.js";

/** The named groups of a concentration rule (none when absent). */
function groupsOf(config: RiskConcentration): [string, { symbols: string[]; max: number }][] {
  return Object.entries(config.groups ?? {}).flatMap(([name, g]) => (g ? [[name, g]] : []));
}

/**
 * Concentration limits: no single asset above `max_weight` (absolute), and
 * each named group's gross exposure at most its `max` (the group is scaled
 * down proportionally). The excess goes to cash.
 */
export function concentrationRule(): RiskRuleFactory<RiskConcentration> {
  return {
    type: "concentration",
    history: () => ({ bars: 1, columns: [], fromStart: false }),
    check(config, loc) {
      const out: Diagnostic[] = [];
      const maxWeight = config.max_weight;
      const groups = groupsOf(config);
      if (maxWeight === undefined && groups.length === 0) {
        out.push(specDiagnostic(loc, m.needsOneLimit(["max_weight", "groups"])));
      }
      if (maxWeight !== undefined && !(maxWeight > 0)) {
        out.push(specDiagnostic(loc.at("/max_weight"), m.mustBePositive("max_weight")));
      }
      for (const [name, g] of groups) {
        if (!(g.max > 0))
          out.push(specDiagnostic(loc.at(`/groups/${name}/max`), m.mustBePositive("max")));
      }
      return out;
    },
    create(config, env) {
      const n = env.symbols.length;
      // No `max_weight`: no per-asset cap.
      const maxWeight = config.max_weight ?? Infinity;
      const groups = groupsOf(config).map(([name, g]) => ({
        name,
        max: g.max,
        members: g.symbols.map((s) => env.symbols.indexOf(s)).filter((i) => i >= 0),
      }));
      const buffer = new Float64Array(n);
      return {
        type: "concentration",
        name: ruleName(config),
        initialState: () => null,
        apply(targets, _ctx, _state, report) {
          const w = buffer;
          copyInto(w, targets);
          let reasons: string[] | null = null;
          for (let i = 0; i < n; i++) {
            if (Math.abs(w[i]!) > maxWeight) {
              w[i] = Math.sign(w[i]!) * maxWeight;
              reasons ??= [];
              reasons.push(m.perAssetLimit(env.symbols[i]!, maxWeight));
            }
          }
          for (const g of groups) {
            let exposure = 0;
            for (const i of g.members) exposure += Math.abs(w[i]!);
            if (exposure > g.max) {
              const f = g.max / exposure;
              for (const i of g.members) w[i] = w[i]! * f;
              reasons ??= [];
              reasons.push(m.groupCap(g.name, exposure, g.max));
            }
          }
          if (reasons === null) return targets;
          report.intervene(reasons.join("; "));
          return w;
        },
      };
    },
  };
}
