import { UserError } from "../../core/errors.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import { dataIoMessages } from "../../messages/data-io.js";
import type { DataSpec } from "../../spec/types.generated.js";
import type { CalendarKind } from "../bundled-catalog.js";
import { loadProviderSource } from "../cache/load-source.js";
import { frameToBars } from "../frame/canonical-frame.js";
import type { DataSourceSpec, LoadedSource, SourceContext, SourceLoader } from "../source.js";
import { createProviderRegistry, type ProviderName } from "./registry.js";
import type { BarInterval, ProviderDeps } from "./types.js";

/** A normalized `data:` section of a provider source (its keys are provider.schema.json's). */
export type ProviderDataSection = DataSourceSpec<ProviderName>;

/** Every source that is not read from the workspace (bundled, file) is a provider's. */
function isProviderSection(section: DataSpec): section is ProviderDataSection {
  return section.source !== "bundled" && section.source !== "file";
}

const TERMS: Record<ProviderName, string> = {
  yahoo: "Yahoo Finance terms of service (personal use)",
  alphavantage: "Alpha Vantage terms of service",
  polygon: "Polygon.io terms of service",
  http: "terms of the configured HTTP source",
};

function calendarOf(interval: BarInterval): CalendarKind {
  if (interval === "1d") return "business_day";
  if (interval === "1mo") return "monthly";
  return "continuous";
}

/**
 * The data-stage loader for provider sources: fetches every symbol through
 * the cache (`loadProviderSource`) and hands the data layer its bars, with
 * provenance naming the provider, symbols, interval, range and cache use.
 * `deps` replaces fetch/clock/env/logger (tests, a run's seeded jitter).
 */
export function createProviderSourceLoader(deps: Partial<ProviderDeps> = {}): SourceLoader {
  return async (section: DataSpec, ctx: SourceContext): Promise<LoadedSource> => {
    // The source registry hands this loader only the sections of the provider names.
    if (!isProviderSection(section)) {
      throw new UserError(
        dataIoMessages.unknownProvider(section.source, undefined, createProviderRegistry().names()),
      );
    }
    const config = section;
    const result = await loadProviderSource(config, {
      deps,
      baseDir: ctx.baseDir,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const bars = frameToBars(result.frame);
    const described = `${config.source}: ${config.symbols.join(", ")} ${config.interval} ${config.start}..${config.end}`;
    const cached = result.symbols.filter((s) => s.fromCache).map((s) => s.symbol);
    return {
      sourced: {
        bars,
        lines: Int32Array.from(bars.timestamp, (_, i) => i + 1),
        file: described,
      },
      provenance: {
        source: config.source,
        name: described,
        licence: TERMS[config.source],
        origin:
          `${config.base_url ?? `${config.source} default endpoint`}` +
          (cached.length ? `; from cache: ${cached.join(", ")}` : ""),
        quirks: [],
        closesOnly: false,
      },
      calendar: calendarOf(config.interval),
      interval: config.interval,
    };
  };
}

/**
 * Registers every provider of the provider registry, under its `source:`
 * name, in the data layer's source registry (no list of names here).
 */
export function registerProviderSources(
  registry: NamedRegistry<SourceLoader>,
  deps: Partial<ProviderDeps> = {},
): NamedRegistry<SourceLoader> {
  const loader = createProviderSourceLoader(deps);
  for (const name of createProviderRegistry().names())
    if (!registry.has(name)) registry.register(name, loader);
  return registry;
}
