import { UserError } from "../../core/errors.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { createFeatureRegistry } from "../features/feature-registry.js";
import type {
  BarInput,
  FeatureDefinition,
  FeatureSpec,
  IncrementalIndicator,
  PanelIncrementalIndicator,
} from "../features/feature-types.js";
import { type ResolvedFeature, resolveFeatures } from "../features/resolve-features.js";

/**
 * The incremental state of a feature list over a fixed set of symbols: one
 * state machine per (series feature, symbol) and one per panel feature, all
 * from the feature definitions' own incremental forms (runtime/data/features),
 * so the values equal the batch polars values on the same bars.
 */
export interface IncrementalFeatureSet {
  /** Output column names, in the order of `features:`. */
  readonly names: readonly string[];
  readonly hasPanelFeatures: boolean;
  /** Feeds one bar of `symbol`; returns the series outputs (`name → value`). */
  updateSeries(symbol: string, bar: BarInput): Record<string, number>;
  /** Feeds the closes of every symbol at one timestamp; returns `name → value per symbol`. */
  updatePanel(closes: Float64Array): Record<string, Float64Array>;
}

export function createIncrementalFeatureSet(
  specs: readonly FeatureSpec[],
  symbols: readonly string[],
  registry: NamedRegistry<FeatureDefinition> = createFeatureRegistry(),
): IncrementalFeatureSet {
  const resolved = resolveFeatures(specs, registry);
  const series = resolved.filter((f) => f.feature.kind === "series");
  const panel = resolved.filter((f) => f.feature.kind === "panel");
  const states = new Map<string, IncrementalIndicator[]>();
  const seriesStates = (symbol: string): IncrementalIndicator[] => {
    let found = states.get(symbol);
    if (found === undefined) {
      found = series.map((f) =>
        f.feature.kind === "series" ? f.feature.incremental() : unreachable(),
      );
      states.set(symbol, found);
    }
    return found;
  };
  const panelStates: PanelIncrementalIndicator[] = panel.map((f) =>
    f.feature.kind === "panel" ? f.feature.incremental(symbols) : unreachable(),
  );
  if (panel.length > 0 && symbols.length === 0) {
    throw new UserError(dataIoMessages.streamPanelNeedsSymbols(panel.map((f) => f.name)));
  }
  return {
    names: resolved.flatMap((f) => f.outputNames),
    hasPanelFeatures: panel.length > 0,
    updateSeries(symbol, bar) {
      const out: Record<string, number> = {};
      seriesStates(symbol).forEach((state, k) => {
        const values = state.update(bar);
        assignOutputs(out, series[k]!, (j) => values[j]!);
      });
      return out;
    },
    updatePanel(closes) {
      const out: Record<string, Float64Array> = {};
      panelStates.forEach((state, k) => {
        const values = state.update(closes);
        panel[k]!.outputNames.forEach((name, j) => {
          out[name] = values[j]!;
        });
      });
      return out;
    },
  };
}

function assignOutputs(
  out: Record<string, number>,
  feature: ResolvedFeature,
  value: (j: number) => number,
): void {
  feature.outputNames.forEach((name, j) => {
    out[name] = value(j);
  });
}

function unreachable(): never {
  throw new Error("feature kind changed during resolution");
}
