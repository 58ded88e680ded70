import type {
  BoundPanelFeature,
  BoundSeriesFeature,
  FeatureDefinition,
  FeatureOf,
  FeatureSpec,
  FeatureType,
  PanelFeatureDefinition,
  SeriesFeatureDefinition,
} from "./feature-types.js";

function isOfType<T extends FeatureType>(spec: FeatureSpec, type: T): spec is FeatureOf<T> {
  return spec.type === type;
}

/** Registers a per-symbol indicator: its methods receive the typed spec of its own type. */
export function seriesFeature<T extends FeatureType>(
  definition: SeriesFeatureDefinition<FeatureOf<T>> & { readonly type: T },
): FeatureDefinition {
  const type: T = definition.type;
  return {
    kind: "series",
    type,
    bind(spec): BoundSeriesFeature | undefined {
      if (!isOfType(spec, type)) return undefined;
      return {
        kind: "series",
        outputs: definition.outputs(spec),
        defaultName: definition.defaultName(spec),
        lookback: definition.lookback(spec),
        expressions: () => definition.expressions(spec),
        incremental: () => definition.incremental(spec),
        batch: definition.batch ? (bars) => definition.batch?.(spec, bars) ?? [] : undefined,
      };
    },
  };
}

/** Registers a cross-sectional indicator: its methods receive the typed spec of its own type. */
export function panelFeature<T extends FeatureType>(
  definition: PanelFeatureDefinition<FeatureOf<T>> & { readonly type: T },
): FeatureDefinition {
  const type: T = definition.type;
  return {
    kind: "panel",
    type,
    bind(spec, loc): BoundPanelFeature | undefined {
      if (!isOfType(spec, type)) return undefined;
      return {
        kind: "panel",
        outputs: definition.outputs(spec),
        defaultName: definition.defaultName(spec),
        lookback: definition.lookback(spec),
        compute: (close, symbols) => definition.compute(spec, close, symbols, loc),
        incremental: (symbols) => definition.incremental(spec, symbols, loc),
      };
    },
  };
}
