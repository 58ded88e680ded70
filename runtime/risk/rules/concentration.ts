import { copyInto } from "../../core/copy-into.js";
import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { diagnostic, opt, type RiskRuleFactory, ruleName } from "../rule.js";

interface GroupSpec {
  readonly symbols: readonly string[];
  readonly max: number;
}

/**
 * Concentration limits: no single asset above `max_weight` (absolute), and
 * each named group's gross exposure at most its `max` (the group is scaled
 * down proportionally). The excess goes to cash.
 */
export function concentrationRule(): RiskRuleFactory {
  return {
    type: "concentration",
    check(config, path, file) {
      const out: Diagnostic[] = [];
      const maxWeight = opt(config, "max_weight");
      const groups = (config.groups ?? {}) as Record<string, GroupSpec>;
      if (maxWeight === undefined && Object.keys(groups).length === 0) {
        out.push(diagnostic(file, path, m.needsOneLimit(["max_weight", "groups"])));
      }
      if (maxWeight !== undefined && !(maxWeight > 0)) {
        out.push(diagnostic(file, `${path}/max_weight`, m.mustBePositive("max_weight")));
      }
      for (const [name, g] of Object.entries(groups)) {
        if (!(g.max > 0))
          out.push(diagnostic(file, `${path}/groups/${name}/max`, m.mustBePositive("max")));
      }
      return out;
    },
    create(config, env) {
      const n = env.symbols.length;
      const maxWeight = opt(config, "max_weight") ?? Infinity;
      const groups = Object.entries((config.groups ?? {}) as Record<string, GroupSpec>).map(
        ([name, g]) => ({
          name,
          max: g.max,
          members: g.symbols.map((s) => env.symbols.indexOf(s)).filter((i) => i >= 0),
        }),
      );
      const buffer = new Float64Array(n);
      return {
        type: "concentration",
        name: ruleName(config, "concentration"),
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
