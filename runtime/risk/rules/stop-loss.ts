import { copyInto } from "../../core/copy-into.js";
import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { type RiskRuleFactory, ruleName } from "../rule.js";
import type { RiskStopLoss } from "../../spec/types.generated.js";
import { specDiagnostic } from "../../core/spec-error.js";

export const STOP_METHODS = ["fixed", "trailing", "atr", "time"] as const;
export type StopMethod = (typeof STOP_METHODS)[number];

/** Per-asset tracking of the open position (plain JSON). */
interface Tracked {
  /** +1 long, -1 short, 0 flat. */
  direction: number;
  entryPrice: number;
  entryBar: number;
  /** Best close since entry (highest for longs, lowest for shorts). */
  extreme: number;
  /** Direction that is blocked after a stop (0 = none) and since when. */
  blocked: number;
  blockedSince: number;
}

export interface StopLossState {
  readonly assets: Tracked[];
}

const empty = (): Tracked => ({
  direction: 0,
  entryPrice: 0,
  entryBar: -1,
  extreme: 0,
  blocked: 0,
  blockedSince: -1,
});

/**
 * Average true range over `window` bars ending at t. With highs and lows it
 * is Wilder's true range max(h-l, |h-c₋₁|, |l-c₋₁|) averaged; with closes only,
 * the mean absolute close-to-close change.
 */
export function averageTrueRange(
  closes: Float64Array,
  t: number,
  window: number,
  highs?: Float64Array,
  lows?: Float64Array,
): number | null {
  if (t - window < 0) return null;
  let s = 0;
  for (let k = t - window + 1; k <= t; k++) {
    const prev = closes[k - 1]!;
    if (highs && lows) {
      const h = highs[k]!;
      const l = lows[k]!;
      s += Math.max(h - l, Math.abs(h - prev), Math.abs(l - prev));
    } else s += Math.abs(closes[k]! - prev);
  }
  return s / window;
}

/**
 * Stop-loss automation on the positions actually held (PortfolioState.weights):
 * `fixed` (price moved `stop` against the entry), `trailing` (`stop` below the
 * best close since entry), `atr` (`atr_multiple` × ATR(`atr_window`) below the
 * best close: a chandelier stop) and `time` (held `max_bars` bars). The entry
 * is the close of the bar before the position is first seen (when it was decided). After a stop the
 * asset stays flat until the signal goes flat or reverses, or `cooldown_bars`
 * have passed.
 */
export function stopLossRule(): RiskRuleFactory<RiskStopLoss> {
  return {
    type: "stop_loss",
    history: (config) =>
      config.method === "atr"
        ? { bars: config.atr_window + 1, columns: ["high", "low", "close"], fromStart: false }
        : { bars: 2, columns: ["close"], fromStart: false },
    check(config, loc) {
      const out: Diagnostic[] = [];
      const { method, stop } = config;
      if (method === "fixed" || method === "trailing") {
        if (stop === undefined)
          out.push(specDiagnostic(loc.at("/stop"), m.stopNeeds(method, "stop")));
        else if (!(stop > 0 && stop < 1))
          out.push(specDiagnostic(loc.at("/stop"), m.mustBeFraction("stop")));
      }
      if (method === "atr") {
        const k = config.atr_multiple;
        if (!(k > 0))
          out.push(specDiagnostic(loc.at("/atr_multiple"), m.mustBePositive("atr_multiple")));
      }
      if (method === "time") {
        const bars = config.max_bars;
        if (bars === undefined)
          out.push(specDiagnostic(loc.at("/max_bars"), m.stopNeeds(method, "max_bars")));
        else if (!(bars > 0))
          out.push(specDiagnostic(loc.at("/max_bars"), m.mustBePositive("max_bars")));
      }
      return out;
    },
    create(config, env) {
      const { method, atr_window: atrWindow, atr_multiple: atrMultiple } = config;
      // `stop` is read by `fixed` and `trailing` only, `max_bars` by `time` only (both checked there).
      const stop = config.stop ?? Number.NaN;
      const maxBars = config.max_bars ?? Infinity;
      const cooldown = config.cooldown_bars;
      const n = env.symbols.length;
      const buffer = new Float64Array(n);
      return {
        type: "stop_loss",
        name: ruleName(config),
        initialState: (): StopLossState => ({ assets: Array.from({ length: n }, empty) }),
        apply(targets, ctx, raw, report) {
          const { portfolio } = ctx;
          const t = portfolio.bar;
          const state = raw as StopLossState;
          let out = targets;
          let reasons: string[] | null = null;
          for (let i = 0; i < n; i++) {
            const a = state.assets[i]!;
            const price = portfolio.closes[i]![t]!;
            const held = portfolio.weights[i]!;
            const dir = Math.abs(held) < 1e-12 ? 0 : Math.sign(held);
            // Unblock when the signal resets or the cooldown has passed.
            if (a.blocked !== 0) {
              const cooled = cooldown !== undefined && t - a.blockedSince >= cooldown;
              if (Math.sign(targets[i]!) !== a.blocked || cooled) {
                a.blocked = 0;
                a.blockedSince = -1;
              }
            }
            if (dir === 0) {
              a.direction = 0;
              a.entryBar = -1;
            } else if (dir !== a.direction) {
              // The position was decided at the previous bar's close: that is its entry.
              const entry = t > 0 ? portfolio.closes[i]![t - 1]! : price;
              a.direction = dir;
              a.entryPrice = entry;
              a.entryBar = t - 1;
              a.extreme = dir > 0 ? Math.max(entry, price) : Math.min(entry, price);
            } else {
              a.extreme = dir > 0 ? Math.max(a.extreme, price) : Math.min(a.extreme, price);
            }
            if (a.direction !== 0 && a.blocked === 0) {
              const atr =
                method === "atr"
                  ? averageTrueRange(
                      portfolio.closes[i]!,
                      t,
                      atrWindow,
                      portfolio.highs?.[i],
                      portfolio.lows?.[i],
                    )
                  : null;
              const level = stopLevel(a, method, stop, atrMultiple, atr);
              const timeUp = method === "time" && t - a.entryBar >= maxBars;
              const hit = level !== null && (a.direction > 0 ? price <= level : price >= level);
              if (hit || timeUp) {
                reasons ??= [];
                reasons.push(m.stopTriggered(env.symbols[i]!, method, price, level ?? price));
                a.blocked = a.direction;
                a.blockedSince = t;
              }
            }
            if (a.blocked !== 0 && Math.sign(out[i]!) === a.blocked) {
              if (a.blockedSince !== t) {
                reasons ??= [];
                reasons.push(m.stopHolding(env.symbols[i]!));
              }
              if (out === targets) {
                copyInto(buffer, targets);
                out = buffer;
              }
              out[i] = 0;
            }
          }
          if (reasons !== null) report.intervene(reasons.join("; "));
          return out;
        },
      };
    },
  };
}

function stopLevel(
  a: Tracked,
  method: StopMethod,
  stop: number,
  atrMultiple: number,
  atr: number | null,
): number | null {
  const d = a.direction;
  if (method === "fixed") return a.entryPrice * (1 - d * stop);
  if (method === "trailing") return a.extreme * (1 - d * stop);
  if (method === "atr") return atr === null ? null : a.extreme - d * atrMultiple * atr;
  return null;
}
