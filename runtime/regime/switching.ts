import type { RegimeSwitching } from "../spec/types.generated.js";

/**
 * Regime-based switching: the spec maps each regime to an allocation or to a
 * named signal, e.g.
 *
 *   switching: { "0": { weight: 1.0 }, "1": { weight: 0.3 } }
 *   switching: { "0": { strategy: trend }, "1": { strategy: mean_reversion, weight: 0.5 } }
 *   switching: { "0": { weights: { SPY: 0.6, TLT: 0.4 } }, "1": flat, unknown: flat }
 *
 * The weights at bar t use the label at t (decided with data ≤ t), so switching
 * adds no look-ahead.
 */
export type SwitchingSpec = RegimeSwitching;

/** The name under which `switching` entries and `signals` refer to the experiment's own signal. */
export const EXPERIMENT_SIGNAL = "experiment";

/** What one regime holds (schemas/regime.schema.json `$defs/switching`). */
export type SwitchTarget = NonNullable<RegimeSwitching[string]>;

/** The entries of a switching map (keys without a value skipped). */
export function switchingEntries(spec: SwitchingSpec): [string, SwitchTarget][] {
  return Object.entries(spec).flatMap(([key, target]) =>
    target === undefined ? [] : [[key, target]],
  );
}

export interface SwitchingSignals {
  /** The signal of the experiment ([symbol][t]), scaled by `weight` entries. */
  readonly base?: readonly Float64Array[];
  /** Named signals referenced by `strategy:` entries (`experiment` is `base`). */
  readonly named?: ReadonlyMap<string, readonly Float64Array[]>;
}

export interface SwitchingProblem {
  /** JSON pointer relative to the switching section, e.g. `/1/strategy`. */
  readonly path: string;
  readonly kind: "unknown_state" | "unknown_strategy" | "unknown_symbol" | "bad_weights";
  readonly value: string;
}

/** Checks a switching map against the detector's states, the symbols and the available signals. */
export function checkSwitching(
  spec: SwitchingSpec,
  nStates: number,
  symbols: readonly string[],
  signalNames: readonly string[] | null,
): SwitchingProblem[] {
  const problems: SwitchingProblem[] = [];
  for (const [key, target] of switchingEntries(spec)) {
    if (key !== "unknown") {
      const state = Number(key);
      if (!Number.isInteger(state) || state < 0 || state >= nStates) {
        problems.push({ path: `/${key}`, kind: "unknown_state", value: key });
      }
    }
    if (target === "flat") continue;
    if (target.strategy !== undefined && signalNames && !signalNames.includes(target.strategy)) {
      problems.push({ path: `/${key}/strategy`, kind: "unknown_strategy", value: target.strategy });
    }
    const w = target.weights;
    if (Array.isArray(w) && w.length !== symbols.length) {
      problems.push({ path: `/${key}/weights`, kind: "bad_weights", value: String(w.length) });
    } else if (w && !Array.isArray(w)) {
      for (const sym of Object.keys(w)) {
        if (!symbols.includes(sym)) {
          problems.push({ path: `/${key}/weights/${sym}`, kind: "unknown_symbol", value: sym });
        }
      }
    }
  }
  return problems;
}

function allocation(
  target: Exclude<SwitchTarget, "flat">,
  symbols: readonly string[],
): Float64Array | null {
  const w = target.weights;
  if (!w) return null;
  const out = new Float64Array(symbols.length);
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; i++) out[i] = w[i]!;
  } else {
    for (let i = 0; i < symbols.length; i++) {
      const symbol = symbols[i]!;
      out[i] = Object.hasOwn(w, symbol) ? (w[symbol] ?? 0) : 0;
    }
  }
  return out;
}

/**
 * Turns regime labels and per-regime signals into one target-weights array
 * ([symbol][t]). Labels without an entry (and -1 without `unknown`) are flat.
 */
export function applyRegimeSwitching(
  labels: Int32Array,
  spec: SwitchingSpec,
  symbols: readonly string[],
  signals: SwitchingSignals = {},
): Float64Array[] {
  const n = labels.length;
  const m = symbols.length;
  const out = Array.from({ length: m }, () => new Float64Array(n));
  const resolved = new Map<
    string,
    { target: Exclude<SwitchTarget, "flat">; fixed: Float64Array | null }
  >();
  for (const [key, target] of switchingEntries(spec)) {
    if (target !== "flat") resolved.set(key, { target, fixed: allocation(target, symbols) });
  }
  for (let t = 0; t < n; t++) {
    const label = labels[t]!;
    const entry = resolved.get(label < 0 ? "unknown" : String(label));
    if (!entry) continue;
    const { target, fixed } = entry;
    const scale = target.weight ?? 1;
    if (fixed) {
      for (let s = 0; s < m; s++) out[s]![t] = scale * fixed[s]!;
      continue;
    }
    const source =
      target.strategy === undefined || target.strategy === EXPERIMENT_SIGNAL
        ? signals.base
        : signals.named?.get(target.strategy);
    if (source) {
      for (let s = 0; s < m; s++) out[s]![t] = scale * (source[s]?.[t] ?? 0);
    } else {
      for (let s = 0; s < m; s++) out[s]![t] = scale / m;
    }
  }
  return out;
}
