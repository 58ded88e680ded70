import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { type RiskRuleFactory, ruleName } from "../rule.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { RiskDrawdownControl } from "../../spec/types.generated.js";

/** Plain-JSON state of the drawdown controller. */
export interface DrawdownState {
  /**
   * The controller's own high-water mark (reset on re-entry); 0 before the first bar. A number from
   * the start: a field that is first null makes V8 allocate a box for every value stored in it.
   */
  peak: number;
  /** Index of the active level, -1 = full exposure. */
  level: number;
  /** Bar at which the active level was entered. */
  since: number;
  /** Equity of the unscaled signal (for the recovery re-entry rule) and its peak. */
  shadow: number;
  shadowPeak: number;
  lastBar: number;
  lastProposed: number[] | null;
}

/**
 * Drawdown control: when the drawdown of the account from the controller's
 * high-water mark reaches a level's `drawdown`, targets are scaled by its
 * `scale` (0 = flatten). Levels only deepen until a re-entry rule fires:
 * `reentry.after_bars` bars have passed, or the unscaled signal's own equity
 * (its shadow, tracked from the closes) has recovered to within
 * `reentry.shadow_drawdown` of its peak. On re-entry the high-water mark is
 * reset to the current equity.
 */
export function drawdownControlRule(): RiskRuleFactory<RiskDrawdownControl> {
  return {
    type: "drawdown_control",
    history: () => ({ bars: 2, columns: ["close"], fromStart: false }),
    check(config, loc) {
      const out: Diagnostic[] = [];
      const levels = config.levels;
      levels.forEach((l, i) => {
        if (!(l.drawdown > 0 && l.drawdown < 1)) {
          out.push(specDiagnostic(loc.at(`/levels/${i}/drawdown`), m.mustBeFraction("drawdown")));
        }
        if (!(l.scale >= 0 && l.scale <= 1)) {
          out.push(specDiagnostic(loc.at(`/levels/${i}/scale`), m.mustBeFraction("scale")));
        }
        const prev = levels[i - 1];
        if (prev && (l.drawdown <= prev.drawdown || l.scale > prev.scale)) {
          out.push(specDiagnostic(loc.at(`/levels/${i}`), m.levelsNotIncreasing()));
        }
      });
      const reentry = config.reentry;
      if (
        reentry.shadow_drawdown !== undefined &&
        !(reentry.shadow_drawdown >= 0 && reentry.shadow_drawdown < 1)
      ) {
        out.push(
          specDiagnostic(loc.at("/reentry/shadow_drawdown"), m.mustBeFraction("shadow_drawdown")),
        );
      }
      return out;
    },
    create(config, env) {
      const { levels, reentry } = config;
      // Plain numbers for the per-bar path (a missing re-entry rule never fires).
      const levelDrawdown = Float64Array.from(levels, (l) => l.drawdown);
      const levelScale = Float64Array.from(levels, (l) => l.scale);
      const afterBars = reentry.after_bars ?? Number.POSITIVE_INFINITY;
      const recoveredWithin = reentry.shadow_drawdown ?? Number.NEGATIVE_INFINITY;
      const n = env.symbols.length;
      const initialState = (): DrawdownState => ({
        peak: 0,
        level: -1,
        since: -1,
        shadow: 1,
        shadowPeak: 1,
        lastBar: -1,
        lastProposed: null,
      });
      const buffer = new Float64Array(n);
      return {
        type: "drawdown_control",
        name: ruleName(config),
        initialState,
        apply(targets, ctx, raw, report) {
          const s = raw as DrawdownState;
          const { portfolio, proposed } = ctx;
          const bar = portfolio.bar;
          // Shadow equity of the unscaled signal, from the closes between the last call and now.
          let shadow = s.shadow;
          if (s.lastProposed && s.lastBar >= 0 && s.lastBar < bar) {
            let r = 0;
            for (let i = 0; i < n; i++) {
              const c = portfolio.closes[i]!;
              r += s.lastProposed[i]! * (c[bar]! / c[s.lastBar]! - 1);
            }
            shadow *= 1 + r;
          }
          const shadowPeak = Math.max(s.shadowPeak, shadow);
          // `?? 0`: a state the server kept from before peak was a number.
          let peak = Math.max(s.peak ?? 0, portfolio.equity);
          let level = s.level;
          let since = s.since;
          let reason: string | undefined;
          let notice = false;
          if (level >= 0) {
            const waited = bar - since >= afterBars;
            if (waited || 1 - shadow / shadowPeak <= recoveredWithin) {
              level = -1;
              since = bar;
              peak = portfolio.equity;
              reason = m.drawdownReentry(waited ? `after ${afterBars} bars` : "signal recovered");
              notice = true;
            }
          }
          const dd = peak > 0 ? 1 - portfolio.equity / peak : 0;
          let implied = -1;
          for (let i = 0; i < levelDrawdown.length; i++) if (dd >= levelDrawdown[i]!) implied = i;
          if (implied > level) {
            level = implied;
            since = bar;
          }
          let out = targets;
          if (level >= 0) {
            const scale = levelScale[level]!;
            out = buffer;
            let moved = false;
            for (let i = 0; i < n; i++) {
              const v = targets[i]! * scale;
              out[i] = v;
              if (v !== targets[i]) moved = true;
            }
            // Described only when it changes the targets (formatting every held bar is wasted work).
            if (moved) {
              reason = m.drawdownScale(dd, scale);
              notice = false;
            }
          }
          // Update the state in place (the manager's pure step works on a copy).
          s.peak = peak;
          s.level = level;
          s.since = since;
          s.shadow = shadow;
          s.shadowPeak = shadowPeak;
          s.lastBar = bar;
          if (s.lastProposed === null || s.lastProposed.length !== n)
            s.lastProposed = new Array<number>(n);
          for (let i = 0; i < n; i++) s.lastProposed[i] = proposed[i]!;
          if (reason !== undefined) {
            if (notice) report.notice(reason);
            else report.intervene(reason);
          }
          return out;
        },
      };
    },
  };
}
