import { NamedRegistry } from "../core/named-registry.js";
import { loadBundledSource } from "./bundled-source.js";
import { loadFileSource } from "./file-source.js";
import type { DataSourceSpec, SourceLoader } from "./source.js";

/**
 * `data.source` → loader. Built per call (no global state); provider sources
 * (yahoo, alphavantage, polygon, http) are registered by runtime/data/providers.
 */
export function createDataSourceRegistry(): NamedRegistry<SourceLoader> {
  return (
    new NamedRegistry<SourceLoader>("data source")
      .register("bundled", loadBundledSource)
      // The registry hands a loader only the sections of its own `source`.
      .register("file", (section, ctx) => loadFileSource(section as DataSourceSpec<"file">, ctx))
  );
}
