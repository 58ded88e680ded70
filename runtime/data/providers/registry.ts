import { UserError } from "../../core/errors.js";
import { NamedRegistry, UnknownTypeError } from "../../core/named-registry.js";
import { dataIoMessages } from "../../messages/data-io.js";
import type { ProviderSource } from "../../spec/types.generated.js";
import { createAlphaVantageProvider } from "./alphavantage.js";
import { providerDeps } from "./deps.js";
import { createHttpJsonProvider } from "./http-json.js";
import { createPolygonProvider } from "./polygon.js";
import type { MarketDataProvider, ProviderDeps } from "./types.js";
import { createYahooProvider } from "./yahoo.js";

/** A provider's `source:` name. */
export type ProviderName = ProviderSource["source"];

/** The normalized source of one provider (`ProviderOf<"http">` is the generated `ProviderHttp` branch). */
export type ProviderOf<S extends ProviderName> = Extract<ProviderSource, { source: S }>;

export type ProviderFactory = (config: ProviderSource, deps: ProviderDeps) => MarketDataProvider;

function isSource<S extends ProviderName>(
  config: ProviderSource,
  source: S,
): config is ProviderOf<S> {
  return config.source === source;
}

/**
 * The factory of one provider as a registry entry: it is handed only sources
 * of its own `source:` (the registry looks it up by that name); a source of
 * another provider registered under its name is refused with the valid ones.
 */
export function providerFactory<S extends ProviderName>(
  source: S,
  create: (config: ProviderOf<S>, deps: ProviderDeps) => MarketDataProvider,
): ProviderFactory {
  return (config, deps) => {
    if (!isSource(config, source)) {
      throw new UserError(dataIoMessages.unknownProvider(config.source, undefined, [source]));
    }
    return create(config, deps);
  };
}

/** The built-in providers by `source:` name; add your own with `.register(name, factory)`. */
export function createProviderRegistry(): NamedRegistry<ProviderFactory> {
  return new NamedRegistry<ProviderFactory>("data source")
    .register("yahoo", providerFactory("yahoo", createYahooProvider))
    .register("alphavantage", providerFactory("alphavantage", createAlphaVantageProvider))
    .register("polygon", providerFactory("polygon", createPolygonProvider))
    .register("http", providerFactory("http", createHttpJsonProvider));
}

/**
 * Builds the provider a normalized source names (a spec's `data:` section, or
 * a source written in code and normalized with `providerSource`); an unknown
 * name is a UserError listing valid ones.
 */
export function createProvider(
  config: ProviderSource,
  deps: Partial<ProviderDeps> = {},
  registry: NamedRegistry<ProviderFactory> = createProviderRegistry(),
): MarketDataProvider {
  let factory: ProviderFactory;
  try {
    factory = registry.get(config.source);
  } catch (error) {
    if (error instanceof UnknownTypeError) {
      throw new UserError(
        dataIoMessages.unknownProvider(error.typeName, error.suggestion, error.known),
      );
    }
    throw error;
  }
  return factory(config, providerDeps(deps));
}
