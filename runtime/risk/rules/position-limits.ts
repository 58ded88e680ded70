import { copyInto } from "../../core/copy-into.js";
import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { type RiskRuleFactory, ruleName } from "../rule.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { RiskPositionLimits } from "../../spec/types.generated.js";
import { gross, longSum, net, shortSum } from "./exposure.js";

const LIMIT_KEYS = [
  "max_position",
  "per_asset",
  "allow_short",
  "max_gross",
  "max_net",
  "min_net",
  "max_leverage",
] as const;

/** Whether the rule limits anything (`allow_short` always has a value: only `false` limits). */
function hasLimit(config: RiskPositionLimits): boolean {
  return LIMIT_KEYS.some((k) => (k === "allow_short" ? !config[k] : config[k] !== undefined));
}

/** `per_asset` caps as [symbol, cap] pairs (none when absent). */
function perAssetCaps(config: RiskPositionLimits): [string, number][] {
  return Object.entries(config.per_asset ?? {}).flatMap(([s, v]) =>
    v === undefined ? [] : [[s, v]],
  );
}

/**
 * Position limits: per-asset caps (`max_position`, `per_asset`), no shorts
 * (`allow_short: false`), gross exposure / leverage caps (scale everything
 * down) and net exposure bounds (scale the long or short side down). Limits
 * only ever reduce exposure.
 */
export function positionLimitsRule(): RiskRuleFactory<RiskPositionLimits> {
  return {
    type: "position_limits",
    history: () => ({ bars: 1, columns: [], fromStart: false }),
    check(config, loc) {
      const out: Diagnostic[] = [];
      const {
        max_position: maxPos,
        max_gross: maxGross,
        max_net: maxNet,
        min_net: minNet,
        max_leverage: maxLev,
      } = config;
      if (!hasLimit(config)) {
        out.push(specDiagnostic(loc, m.needsOneLimit(LIMIT_KEYS)));
      }
      for (const [key, v] of [
        ["max_position", maxPos],
        ["max_gross", maxGross],
        ["max_leverage", maxLev],
      ] as const) {
        if (v !== undefined && !(v > 0))
          out.push(specDiagnostic(loc.at(`/${key}`), m.mustBePositive(key)));
      }
      if (maxPos !== undefined && maxGross !== undefined && maxPos > maxGross) {
        out.push(
          specDiagnostic(
            loc.at("/max_position"),
            m.contradicts("max_position", maxPos, "max_gross", maxGross),
            m.contradictsHint("max_position", "max_gross"),
          ),
        );
      }
      if (minNet !== undefined && maxNet !== undefined && minNet > maxNet) {
        out.push(specDiagnostic(loc.at("/min_net"), m.minAboveMax("min_net", "max_net")));
      }
      const cap = Math.min(maxGross ?? Infinity, maxLev ?? Infinity);
      if (maxNet !== undefined && maxNet < 0 && -maxNet > cap) {
        out.push(
          specDiagnostic(loc.at("/max_net"), m.contradicts("max_net", maxNet, "max_gross", cap)),
        );
      }
      if (minNet !== undefined && minNet > cap) {
        out.push(
          specDiagnostic(
            loc.at("/min_net"),
            m.contradicts("min_net", minNet, "max_gross", cap),
            m.contradictsHint("min_net", "max_gross"),
          ),
        );
      }
      for (const [sym, v] of perAssetCaps(config)) {
        if (!(v >= 0)) out.push(specDiagnostic(loc.at(`/per_asset/${sym}`), m.mustBePositive(sym)));
        if (maxGross !== undefined && v > maxGross) {
          out.push(
            specDiagnostic(
              loc.at(`/per_asset/${sym}`),
              m.contradicts(sym, v, "max_gross", maxGross),
            ),
          );
        }
      }
      return out;
    },
    create(config, env) {
      const n = env.symbols.length;
      // An absent limit does not limit.
      const caps = new Float64Array(n).fill(config.max_position ?? Infinity);
      const perAsset = new Map(perAssetCaps(config));
      env.symbols.forEach((s, i) => {
        const v = perAsset.get(s);
        if (v !== undefined) caps[i] = Math.min(caps[i]!, v);
      });
      const allowShort = config.allow_short;
      const grossCap = Math.min(config.max_gross ?? Infinity, config.max_leverage ?? Infinity);
      const { max_net: maxNet, min_net: minNet } = config;
      const buffer = new Float64Array(n);
      return {
        type: "position_limits",
        name: ruleName(config),
        initialState: () => null,
        apply(targets, _ctx, _state, report) {
          const w = buffer;
          copyInto(w, targets);
          let reasons: string[] | null = null;
          for (let i = 0; i < n; i++) {
            if (!allowShort && w[i]! < 0) {
              w[i] = 0;
              reasons ??= [];
              reasons.push(m.shortNotAllowed(env.symbols[i]!));
            }
            if (Math.abs(w[i]!) > caps[i]!) {
              w[i] = Math.sign(w[i]!) * caps[i]!;
              reasons ??= [];
              reasons.push(m.perAssetLimit(env.symbols[i]!, caps[i]!));
            }
          }
          const g = gross(w);
          if (g > grossCap) {
            const f = grossCap / g;
            for (let i = 0; i < n; i++) w[i] = w[i]! * f;
            reasons ??= [];
            reasons.push(m.grossLimit(g, grossCap));
          }
          const nt = net(w);
          if (maxNet !== undefined && nt > maxNet) {
            const longs = longSum(w);
            const f = Math.min(1, Math.max(0, (maxNet + shortSum(w)) / longs));
            for (let i = 0; i < n; i++) if (w[i]! > 0) w[i] = w[i]! * f;
            reasons ??= [];
            reasons.push(m.netLimit(nt, maxNet));
          } else if (minNet !== undefined && nt < minNet) {
            const shorts = shortSum(w);
            const f = Math.min(1, Math.max(0, (longSum(w) - minNet) / shorts));
            for (let i = 0; i < n; i++) if (w[i]! < 0) w[i] = w[i]! * f;
            reasons ??= [];
            reasons.push(m.netLimit(nt, minNet));
          }
          if (reasons === null) return targets;
          report.intervene(reasons.join("; "));
          return w;
        },
      };
    },
  };
}
