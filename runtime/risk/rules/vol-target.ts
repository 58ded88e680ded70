import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { diagnostic, opt, type RiskRuleFactory, ruleName } from "../rule.js";
import {
  type EwmaCovState,
  ewmaCovariance,
  quadraticForm,
  realizedCovariance,
  updateEwmaCov,
} from "./covariance.js";
import { gross } from "./exposure.js";

/**
 * Volatility targeting: forecasts the annualised volatility of the proposed
 * portfolio, sqrt(wᵀ Σ w · periods per year), from the asset covariance
 * (EWMA with decay `lambda`, or the sample covariance of the last `window`
 * returns), and scales the targets by target / forecast, capped so gross
 * exposure stays within `max_leverage` and the scale within [`min_scale`,
 * `max_scale`]. No intervention before `min_periods` returns exist.
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
      const ppy = env.periodsPerYear;
      return {
        type: "vol_target",
        name: ruleName(config, "vol_target"),
        initialState: (): EwmaCovState | null => null,
        apply(targets, ctx, raw) {
          const { bar, closes } = ctx.portfolio;
          let state = raw as EwmaCovState | null;
          let cov: Float64Array | null;
          if (estimator === "ewma") {
            state = updateEwmaCov(state, closes, bar, lambda);
            cov = state.count >= minPeriods ? ewmaCovariance(state) : null;
          } else {
            cov =
              bar >= Math.max(minPeriods, window) ? realizedCovariance(closes, bar, window) : null;
          }
          if (cov === null) return { targets: Float64Array.from(targets), state };
          const forecast = Math.sqrt(quadraticForm(targets, cov) * ppy);
          const g = gross(targets);
          if (g === 0 || forecast === 0) return { targets: Float64Array.from(targets), state };
          let scale = target / forecast;
          // The floor first, so the leverage cap always holds.
          scale = Math.min(Math.max(scale, minScale), maxScale, maxLeverage / g);
          const out = Float64Array.from(targets, (v) => v * scale);
          return Math.abs(scale - 1) > 1e-12
            ? { targets: out, state, reason: m.volTarget(forecast, target, scale) }
            : { targets: out, state };
        },
      };
    },
  };
}
