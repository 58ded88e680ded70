import { copyInto } from "../../core/copy-into.js";
import type { Diagnostic } from "../../core/errors.js";
import { riskMessages as m } from "../../messages/risk.js";
import { diagnostic, opt, type RiskRuleFactory, ruleName } from "../rule.js";
import { gross, longSum, net, shortSum } from "./exposure.js";

const LIMIT_KEYS = [
  "max_position",
  "per_asset",
  "allow_short",
  "max_gross",
  "max_net",
  "min_net",
  "max_leverage",
];

/**
 * Position limits: per-asset caps (`max_position`, `per_asset`), no shorts
 * (`allow_short: false`), gross exposure / leverage caps (scale everything
 * down) and net exposure bounds (scale the long or short side down). Limits
 * only ever reduce exposure.
 */
export function positionLimitsRule(): RiskRuleFactory {
  return {
    type: "position_limits",
    check(config, path, file) {
      const out: Diagnostic[] = [];
      const maxPos = opt(config, "max_position");
      const maxGross = opt(config, "max_gross");
      const maxNet = opt(config, "max_net");
      const minNet = opt(config, "min_net");
      const maxLev = opt(config, "max_leverage");
      if (!LIMIT_KEYS.some((k) => config[k] !== undefined)) {
        out.push(diagnostic(file, path, m.needsOneLimit(LIMIT_KEYS)));
      }
      for (const [key, v] of [
        ["max_position", maxPos],
        ["max_gross", maxGross],
        ["max_leverage", maxLev],
      ] as const) {
        if (v !== undefined && !(v > 0))
          out.push(diagnostic(file, `${path}/${key}`, m.mustBePositive(key)));
      }
      if (maxPos !== undefined && maxGross !== undefined && maxPos > maxGross) {
        out.push(
          diagnostic(
            file,
            `${path}/max_position`,
            m.contradicts("max_position", maxPos, "max_gross", maxGross),
            m.contradictsHint("max_position", "max_gross"),
          ),
        );
      }
      if (minNet !== undefined && maxNet !== undefined && minNet > maxNet) {
        out.push(diagnostic(file, `${path}/min_net`, m.minAboveMax("min_net", "max_net")));
      }
      const cap = Math.min(maxGross ?? Infinity, maxLev ?? Infinity);
      if (maxNet !== undefined && maxNet < 0 && -maxNet > cap) {
        out.push(
          diagnostic(file, `${path}/max_net`, m.contradicts("max_net", maxNet, "max_gross", cap)),
        );
      }
      if (minNet !== undefined && minNet > cap) {
        out.push(
          diagnostic(
            file,
            `${path}/min_net`,
            m.contradicts("min_net", minNet, "max_gross", cap),
            m.contradictsHint("min_net", "max_gross"),
          ),
        );
      }
      const perAsset = config.per_asset as Record<string, number> | undefined;
      for (const [sym, v] of Object.entries(perAsset ?? {})) {
        if (!(v >= 0))
          out.push(diagnostic(file, `${path}/per_asset/${sym}`, m.mustBePositive(sym)));
        if (maxGross !== undefined && v > maxGross) {
          out.push(
            diagnostic(
              file,
              `${path}/per_asset/${sym}`,
              m.contradicts(sym, v, "max_gross", maxGross),
            ),
          );
        }
      }
      return out;
    },
    create(config, env) {
      const n = env.symbols.length;
      const perAsset = config.per_asset as Record<string, number> | undefined;
      const caps = new Float64Array(n).fill(opt(config, "max_position") ?? Infinity);
      env.symbols.forEach((s, i) => {
        const v = perAsset?.[s];
        if (v !== undefined) caps[i] = Math.min(caps[i]!, v);
      });
      const allowShort = config.allow_short !== false;
      const grossCap = Math.min(
        opt(config, "max_gross") ?? Infinity,
        opt(config, "max_leverage") ?? Infinity,
      );
      const maxNet = opt(config, "max_net");
      const minNet = opt(config, "min_net");
      const buffer = new Float64Array(n);
      return {
        type: "position_limits",
        name: ruleName(config, "position_limits"),
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
