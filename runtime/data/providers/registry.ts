import { UserError } from "../../core/errors.js";
import { NamedRegistry, UnknownTypeError } from "../../core/named-registry.js";
import { dataIoMessages } from "../../messages/data-io.js";
import { createAlphaVantageProvider } from "./alphavantage.js";
import type { ProviderSourceConfig } from "./config.js";
import { providerDeps } from "./deps.js";
import { createHttpJsonProvider } from "./http-json.js";
import { createPolygonProvider } from "./polygon.js";
import type { MarketDataProvider, ProviderDeps } from "./types.js";
import { createYahooProvider } from "./yahoo.js";

export type ProviderFactory = (
  config: ProviderSourceConfig,
  deps: ProviderDeps,
) => MarketDataProvider;

/** The built-in providers by `source:` name; add your own with `.register(name, factory)`. */
export function createProviderRegistry(): NamedRegistry<ProviderFactory> {
  return new NamedRegistry<ProviderFactory>("data source")
    .register("yahoo", createYahooProvider)
    .register("alphavantage", createAlphaVantageProvider)
    .register("polygon", createPolygonProvider)
    .register("http", createHttpJsonProvider);
}

/** Builds the provider a source config names; an unknown name is a UserError listing valid ones. */
export function createProvider(
  config: ProviderSourceConfig,
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
