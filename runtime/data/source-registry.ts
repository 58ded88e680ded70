import { NamedRegistry } from "../core/named-registry.js";
import { loadBundledSource } from "./bundled-source.js";
import { loadFileSource } from "./file-source.js";
import type { SourceLoader } from "./source.js";

/**
 * `data.source` → loader. Built per call (no global state); provider sources
 * (yahoo, alphavantage, polygon, http) are registered by runtime/data/providers.
 */
export function createDataSourceRegistry(): NamedRegistry<SourceLoader> {
  return new NamedRegistry<SourceLoader>("data source")
    .register("bundled", loadBundledSource)
    .register("file", loadFileSource);
}
