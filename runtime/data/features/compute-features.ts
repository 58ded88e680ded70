import pl from "nodejs-polars";
import type { NamedRegistry } from "../../core/named-registry.js";
import { sectionLocation, type SpecLocation } from "../../core/spec-location.js";
import { seriesToFloat64 } from "../frame/canonical-frame.js";
import type { FeaturePanel, OhlcvPanel } from "../../contracts/panel.js";
import type { SeriesBars } from "./batch-helpers.js";
import { BAR_INDEX } from "./expr-helpers.js";
import { createFeatureRegistry } from "./feature-registry.js";
import type { FeatureDefinition, FeatureSpec } from "./feature-types.js";
import { type ResolvedFeature, resolveFeatures } from "./resolve-features.js";

export type ValueColumn = "open" | "high" | "low" | "close" | "volume";
const VALUE_COLUMNS: readonly ValueColumn[] = ["open", "high", "low", "close", "volume"];
const NEEDS_HIGH_LOW = new Set(["atr", "adx", "dx", "cci"]);

/** The panel columns the features read (only those are copied into polars; serving asks for them). */
export function columnsNeeded(specs: readonly FeatureSpec[]): ValueColumn[] {
  const needed = new Set<string>();
  for (const spec of specs) {
    needed.add("column" in spec ? spec.column : "close");
    const extra = NEEDS_HIGH_LOW.has(spec.type)
      ? ["high", "low", "close"]
      : spec.type === "obv"
        ? ["close", "volume"]
        : [];
    for (const c of extra) needed.add(c);
  }
  return VALUE_COLUMNS.filter((c) => needed.has(c));
}

/** Column holding each row's symbol index (the window key of `.over`). */
export const SYMBOL_INDEX = "__s";

/**
 * The aligned panel as a symbol-major long frame of the value columns plus
 * the per-symbol bar index `__i` and the symbol index `__s` (integers, so the
 * window grouping is cheap).
 */
export function panelToFrame(
  panel: OhlcvPanel,
  columns: readonly ValueColumn[] = VALUE_COLUMNS,
): pl.DataFrame {
  const T = panel.timestamps.length;
  const S = panel.symbols.length;
  const concat = (fields: readonly Float64Array[]): Float64Array => {
    if (S === 1) return fields[0]!;
    const out = new Float64Array(T * S);
    fields.forEach((f, s) => {
      out.set(f, s * T);
    });
    return out;
  };
  const index = new Int32Array(T * S);
  const symbolIndex = new Int32Array(T * S);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < T; t++) index[s * T + t] = t;
    symbolIndex.fill(s, s * T, (s + 1) * T);
  }
  const series: pl.Series[] = columns.map((c) => pl.Series(c, concat(panel[c]), pl.Float64));
  series.push(pl.Series(BAR_INDEX, index, pl.Int32));
  if (S > 1) series.push(pl.Series(SYMBOL_INDEX, symbolIndex, pl.Int32));
  return pl.DataFrame(series);
}

/**
 * Computes the spec's features on an aligned panel: per-symbol indicators with
 * a typed-array kernel (`batch`, same values as their expressions) run on the
 * panel's arrays; the others are their polars expressions evaluated
 * `.over(symbol)`; cross-sectional ones run on the typed arrays. Trailing
 * windows only; warm-up bars are NaN. `loc` is the features list's place in
 * the spec (errors name its entries).
 */
export function computeFeatures(
  panel: OhlcvPanel,
  specs: readonly FeatureSpec[],
  registry: NamedRegistry<FeatureDefinition> = createFeatureRegistry(),
  loc: SpecLocation = sectionLocation("features"),
): FeaturePanel {
  return computeResolved(panel, resolveFeatures(specs, registry, loc), true);
}

/**
 * computeFeatures with every per-symbol indicator evaluated as its polars
 * expressions (the declared form; the kernels are checked against it).
 */
export function computeFeaturesWithExpressions(
  panel: OhlcvPanel,
  specs: readonly FeatureSpec[],
  registry: NamedRegistry<FeatureDefinition> = createFeatureRegistry(),
): FeaturePanel {
  return computeResolved(panel, resolveFeatures(specs, registry), false);
}

function computeResolved(
  panel: OhlcvPanel,
  resolved: readonly ResolvedFeature[],
  useKernels: boolean,
): FeaturePanel {
  const T = panel.timestamps.length;
  const S = panel.symbols.length;
  const viaKernel = (f: ResolvedFeature): boolean =>
    useKernels && f.feature.kind === "series" && f.feature.batch !== undefined;
  const viaPolars = resolved.filter((f) => f.feature.kind === "series" && !viaKernel(f));
  const exprs: pl.Expr[] = [];
  for (const f of viaPolars) {
    if (f.feature.kind !== "series") continue;
    f.feature.expressions().forEach((e, k) => {
      exprs.push(
        (S > 1 ? e.over(SYMBOL_INDEX) : e)
          .cast(pl.Float64)
          .fillNull(pl.lit(Number.NaN))
          .alias(f.outputNames[k]!),
      );
    });
  }
  const computed = exprs.length
    ? panelToFrame(panel, columnsNeeded(viaPolars.map((f) => f.spec))).select(...exprs)
    : undefined;
  const names: string[] = [];
  const values: Float64Array[][] = [];
  const symbolBars: SeriesBars[] = panel.symbols.map((_, s) => ({
    open: panel.open[s]!,
    high: panel.high[s]!,
    low: panel.low[s]!,
    close: panel.close[s]!,
    volume: panel.volume[s]!,
    memo: new Map<string, Float64Array>(),
  }));
  for (const f of resolved) {
    const def = f.feature;
    if (def.kind === "series" && def.batch !== undefined && viaKernel(f)) {
      const batch = def.batch;
      const perSymbol = symbolBars.map((bars) => batch(bars));
      f.outputNames.forEach((out, k) => {
        names.push(out);
        values.push(perSymbol.map((outputs) => outputs[k]!));
      });
    } else if (def.kind === "series") {
      for (const out of f.outputNames) {
        const column = seriesToFloat64(computed!.getColumn(out));
        names.push(out);
        values.push(
          S === 1
            ? [column]
            : Array.from({ length: S }, (_, s) => column.slice(s * T, (s + 1) * T)),
        );
      }
    } else {
      const outputs = def.compute(panel.close, panel.symbols);
      f.outputNames.forEach((out, k) => {
        names.push(out);
        values.push(outputs[k]!);
      });
    }
  }
  return { timestamps: panel.timestamps, symbols: panel.symbols, names, values };
}

/**
 * Runs the incremental form of every feature bar by bar over a panel (what a
 * stream processor does); equal to computeFeatures on the same data.
 */
export function computeFeaturesIncrementally(
  panel: OhlcvPanel,
  specs: readonly FeatureSpec[],
  registry: NamedRegistry<FeatureDefinition> = createFeatureRegistry(),
): FeaturePanel {
  const resolved = resolveFeatures(specs, registry);
  const T = panel.timestamps.length;
  const S = panel.symbols.length;
  const names: string[] = [];
  const values: Float64Array[][] = [];
  for (const f of resolved) {
    const outs = f.outputNames.map(() => Array.from({ length: S }, () => new Float64Array(T)));
    if (f.feature.kind === "series") {
      for (let s = 0; s < S; s++) {
        const ind = f.feature.incremental();
        for (let t = 0; t < T; t++) {
          const r = ind.update({
            open: panel.open[s]![t]!,
            high: panel.high[s]![t]!,
            low: panel.low[s]![t]!,
            close: panel.close[s]![t]!,
            volume: panel.volume[s]![t]!,
          });
          r.forEach((v, k) => {
            outs[k]![s]![t] = v;
          });
        }
      }
    } else {
      const ind = f.feature.incremental(panel.symbols);
      const closes = new Float64Array(S);
      for (let t = 0; t < T; t++) {
        for (let s = 0; s < S; s++) closes[s] = panel.close[s]![t]!;
        ind.update(closes).forEach((row, k) => {
          for (let s = 0; s < S; s++) outs[k]![s]![t] = row[s]!;
        });
      }
    }
    f.outputNames.forEach((n, k) => {
      names.push(n);
      values.push(outs[k]!);
    });
  }
  return { timestamps: panel.timestamps, symbols: panel.symbols, names, values };
}
