import type { SpecLocation } from "../core/spec-location.js";
import type { BundledDataset, CalendarKind } from "./bundled-catalog.js";
import type { SourcedBars } from "./csv/table-to-bars.js";
import type { DataSpec } from "../spec/types.generated.js";

/** Where a dataset came from: recorded in dataset.json and shown by `data describe`. */
export interface DatasetProvenance {
  /** `bundled`, `file`, or a provider name. */
  readonly source: string;
  /** Dataset name (bundled), file path (file) or provider request description. */
  readonly name: string;
  readonly licence: string;
  readonly origin: string;
  readonly quirks: readonly string[];
  readonly closesOnly: boolean;
}

/** What a source loader returns: bars in source order, with their lines for messages. */
export interface LoadedSource {
  readonly sourced: SourcedBars;
  readonly provenance: DatasetProvenance;
  readonly calendar: CalendarKind;
  /** Native bar interval when known (`1d`, `1h`, …). */
  readonly interval?: string;
}

export interface SourceContext {
  /** Folder that relative `path:`s resolve against (the spec's folder). */
  readonly baseDir: string;
  /**
   * The data section's place in the spec: spec errors name its file, pointer
   * and line:col. Absent for library callers without a spec (then the data
   * file's refusals name the file as given, other errors the section `/data`).
   */
  readonly loc?: SpecLocation;
  readonly signal?: AbortSignal;
  /** Most bytes a data file may have, whatever the spec says (the server's limit). */
  readonly maxFileBytes?: number;
}

/** Loads the raw bars of one `data.source` kind. */
export type SourceLoader = (section: DataSpec, ctx: SourceContext) => Promise<LoadedSource>;

/** The normalized `data:` section of one source kind (`DataSourceSpec<"file">`). */
export type DataSourceSpec<S extends DataSpec["source"]> = Extract<DataSpec, { source: S }>;

export function bundledProvenance(entry: BundledDataset): DatasetProvenance {
  return {
    source: "bundled",
    name: entry.name,
    licence: entry.licence,
    origin: `${entry.origin}; file runtime/data/bundled/${entry.file}`,
    quirks: entry.quirks,
    closesOnly: entry.closesOnly,
  };
}
