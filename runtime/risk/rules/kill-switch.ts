import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { type RiskRuleFactory, ruleName } from "../rule.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { RiskKillSwitch } from "../../spec/types.generated.js";

export interface KillSwitchState {
  tripped: boolean;
  reason: string | null;
  /** Equity at the previous call; 0 before the first (a number from the start, so V8 keeps the field unboxed). */
  lastEquity: number;
}

/**
 * Kill-switch: once the account's drawdown reaches `max_drawdown`, a single
 * bar loses `max_bar_loss` or more, or equity falls to `min_equity`, every
 * target is zero until the state is reset (a new run, or an operator
 * clearing `tripped` in the state the server holds). Setting `tripped: true`
 * in that state flattens everything by hand.
 */
export function killSwitchRule(): RiskRuleFactory<RiskKillSwitch> {
  const keys = ["max_drawdown", "max_bar_loss", "min_equity"] as const;
  return {
    type: "kill_switch",
    history: () => ({ bars: 1, columns: [], fromStart: false }),
    check(config, loc) {
      const out: Diagnostic[] = [];
      if (!keys.some((k) => config[k] !== undefined))
        out.push(specDiagnostic(loc, m.needsOneLimit(keys)));
      for (const key of ["max_drawdown", "max_bar_loss"] as const) {
        const v = config[key];
        if (v !== undefined && !(v > 0 && v < 1))
          out.push(specDiagnostic(loc.at(`/${key}`), m.mustBeFraction(key)));
      }
      const floor = config.min_equity;
      if (floor !== undefined && !(floor > 0))
        out.push(specDiagnostic(loc.at("/min_equity"), m.mustBePositive("min_equity")));
      return out;
    },
    create(config) {
      const { max_drawdown: maxDd, max_bar_loss: maxBarLoss, min_equity: minEquity } = config;
      let flat = new Float64Array(0);
      return {
        type: "kill_switch",
        name: ruleName(config),
        initialState: (): KillSwitchState => ({ tripped: false, reason: null, lastEquity: 0 }),
        apply(targets, ctx, raw, report) {
          const s = raw as KillSwitchState;
          const { equity, peakEquity } = ctx.portfolio;
          let reason = s.reason;
          let tripped = s.tripped;
          if (!tripped) {
            const dd = peakEquity > 0 ? 1 - equity / peakEquity : 0;
            const barLoss = s.lastEquity > 0 ? 1 - equity / s.lastEquity : 0;
            if (maxDd !== undefined && dd >= maxDd) reason = m.killDrawdown(dd, maxDd);
            else if (maxBarLoss !== undefined && barLoss >= maxBarLoss)
              reason = m.killBarLoss(barLoss, maxBarLoss);
            else if (minEquity !== undefined && equity <= minEquity)
              reason = m.killEquity(equity, minEquity);
            tripped = reason !== null;
          }
          const state = s;
          state.tripped = tripped;
          state.reason = reason;
          state.lastEquity = equity;
          if (!tripped) return targets;
          if (flat.length !== targets.length) flat = new Float64Array(targets.length);
          report.intervene(m.killSwitch(reason ?? "manual"));
          return flat;
        },
      };
    },
  };
}
