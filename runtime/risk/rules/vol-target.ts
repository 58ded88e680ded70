import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { diagnostic, opt, type RiskRuleFactory, ruleName } from "../rule.js";
import {
  type EwmaCovState,
  emptyEwmaCov,
  ewmaQuadraticForm,
  quadraticForm,
  realizedCovariance,
  updateEwmaCov,
} from "./covariance.js";

/** Plain-JSON state: the EWMA covariance and the scale last reported in an event. */
export interface VolTargetState {
  readonly cov: EwmaCovState;
  reportedScale: number;
}
import { gross } from "./exposure.js";

/**
 * Volatility targeting: forecasts the annualised volatility of the proposed
 * portfolio, sqrt(wᵀ Σ w · periods per year), from the asset covariance
 * (EWMA with decay `lambda`, or the sample covariance of the last `window`
 * returns), and scales the targets by target / forecast, capped so gross
 * exposure stays within `max_leverage` and the scale within [`min_scale`,
 * `max_scale`]. No intervention before `min_periods` returns exist. The
 * scale changes a little every bar; an event is reported when it has moved by
 * more than `report_change` (default 0.1) since the last reported one (0
 * reports every bar).
 */
export function volTargetRule(): RiskRuleFactory {
  return {
    type: "vol_target",
    check(config, path, file) {
      const out: Diagnostic[] = [];
      const target = opt(config, "target");
      if (target === undefined || !(target > 0)) {
        out.push(
          diagnostic(
            file,
            `${path}/target`,
            m.mustBePositive("target"),
            "e.g. target: 0.10 for 10% a year",
          ),
        );
      }
      const lambda = opt(config, "lambda");
      if (lambda !== undefined && !(lambda > 0 && lambda < 1)) {
        out.push(diagnostic(file, `${path}/lambda`, m.mustBeFraction("lambda")));
      }
      const lev = opt(config, "max_leverage");
      if (lev !== undefined && !(lev > 0))
        out.push(diagnostic(file, `${path}/max_leverage`, m.mustBePositive("max_leverage")));
      const minScale = opt(config, "min_scale");
      const maxScale = opt(config, "max_scale");
      if (minScale !== undefined && maxScale !== undefined && minScale > maxScale) {
        out.push(diagnostic(file, `${path}/min_scale`, m.minAboveMax("min_scale", "max_scale")));
      }
      return out;
    },
    create(config, env) {
      const target = opt(config, "target") ?? 0.1;
      const estimator = config.estimator === "realized" ? "realized" : "ewma";
      const halflife = opt(config, "halflife");
      const lambda =
        halflife !== undefined ? 0.5 ** (1 / halflife) : (opt(config, "lambda") ?? 0.94);
      const window = opt(config, "window") ?? 20;
      const minPeriods = opt(config, "min_periods") ?? 20;
      const maxLeverage = opt(config, "max_leverage") ?? 1;
      const minScale = opt(config, "min_scale") ?? 0;
      const maxScale = opt(config, "max_scale") ?? Infinity;
      const reportChange = opt(config, "report_change") ?? 0.1;
      const ppy = env.periodsPerYear;
      const nSym = env.symbols.length;
      const scratch = new Float64Array(nSym);
      const buffer = new Float64Array(nSym);
      return {
        type: "vol_target",
        name: ruleName(config, "vol_target"),
        initialState: (): VolTargetState => ({ cov: emptyEwmaCov(nSym), reportedScale: 1 }),
        apply(targets, ctx, raw, report) {
          const state = raw as VolTargetState;
          const { bar, closes } = ctx.portfolio;
          // NaN until the estimator has enough returns (a number throughout, so V8 need not box it).
          let variance = Number.NaN;
          if (estimator === "ewma") {
            updateEwmaCov(state.cov, closes, bar, lambda, scratch);
            if (state.cov.count >= minPeriods) variance = ewmaQuadraticForm(targets, state.cov);
          } else if (bar >= Math.max(minPeriods, window)) {
            const cov = realizedCovariance(closes, bar, window);
            if (cov) variance = quadraticForm(targets, cov);
          }
          const g = gross(targets);
          if (g === 0 || !(variance > 0)) {
            return targets;
          }
          const forecast = Math.sqrt(variance * ppy);
          // The floor first, so the leverage cap always holds.
          const scale = Math.min(Math.max(target / forecast, minScale), maxScale, maxLeverage / g);
          const out = buffer;
          for (let i = 0; i < nSym; i++) out[i] = targets[i]! * scale;
          // Report when the scale has moved by more than `report_change` since the last report.
          if (Math.abs(scale - state.reportedScale) > reportChange) {
            state.reportedScale = scale;
            report.notice(m.volTarget(forecast, target, scale));
          }
          return out;
        },
      };
    },
  };
}
