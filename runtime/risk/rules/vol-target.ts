import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { type RiskRuleFactory, ruleName } from "../rule.js";
import type { RiskVolTarget } from "../../spec/types.generated.js";
import { specDiagnostic } from "../../core/spec-error.js";
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
export function volTargetRule(): RiskRuleFactory<RiskVolTarget> {
  return {
    type: "vol_target",
    history: (config) =>
      config.estimator === "ewma"
        ? { bars: 2, columns: ["close"], fromStart: true }
        : { bars: config.window + 1, columns: ["close"], fromStart: false },
    check(config, loc) {
      const out: Diagnostic[] = [];
      const target = config.target;
      if (!(target > 0)) {
        out.push(
          specDiagnostic(
            loc.at("/target"),
            m.mustBePositive("target"),
            "e.g. target: 0.10 for 10% a year",
          ),
        );
      }
      const lambda = config.lambda;
      if (!(lambda > 0 && lambda < 1)) {
        out.push(specDiagnostic(loc.at("/lambda"), m.mustBeFraction("lambda")));
      }
      const lev = config.max_leverage;
      if (!(lev > 0))
        out.push(specDiagnostic(loc.at("/max_leverage"), m.mustBePositive("max_leverage")));
      const { min_scale: minScale, max_scale: maxScale } = config;
      if (maxScale !== undefined && minScale > maxScale) {
        out.push(specDiagnostic(loc.at("/min_scale"), m.minAboveMax("min_scale", "max_scale")));
      }
      return out;
    },
    create(config, env) {
      const {
        target,
        estimator,
        halflife,
        window,
        min_periods: minPeriods,
        max_leverage: maxLeverage,
        min_scale: minScale,
        report_change: reportChange,
      } = config;
      const lambda = halflife !== undefined ? 0.5 ** (1 / halflife) : config.lambda;
      // No `max_scale`: no cap on the multiplier.
      const maxScale = config.max_scale ?? Infinity;
      const ppy = env.periodsPerYear;
      const nSym = env.symbols.length;
      const scratch = new Float64Array(nSym);
      const buffer = new Float64Array(nSym);
      return {
        type: "vol_target",
        name: ruleName(config),
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
