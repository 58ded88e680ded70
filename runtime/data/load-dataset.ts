import { specError } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation, specLocation } from "../core/spec-location.js";
import { dataMessages } from "../messages/data.js";
import { barsContentHash } from "./content-hash.js";
import type { SourcedBars } from "./csv/table-to-bars.js";
import type { DataSpec, Segments as SegmentsSpec } from "../spec/types.generated.js";
import { alignToPanel } from "./frame/align.js";
import { symbolsOf } from "./frame/bar-columns.js";
import { barsToFrame } from "./frame/canonical-frame.js";
import { resampleBars } from "./frame/resample.js";
import type { MarketDataset } from "./market-dataset.js";
import { runQualityMonitor } from "./quality/quality-monitor.js";
import { keepRows } from "./quality/sourced-rows.js";
import { segmentsFromSpec, specDateToMs } from "./segments.js";
import type { SourceContext, SourceLoader } from "./source.js";
import { createDataSourceRegistry } from "./source-registry.js";
import type { NamedRegistry } from "../core/named-registry.js";

export interface LoadDatasetOptions {
  /** Folder relative file paths resolve against (default: the working directory). */
  readonly baseDir?: string;
  /** The spec file, when there is no `loc` (errors then name it without line:col). */
  readonly specFile?: string;
  /** The data section's place in the spec (errors name its file, pointer and line:col). */
  readonly loc?: SpecLocation;
  readonly segments?: SegmentsSpec;
  /** The segments section's place in the spec. */
  readonly segmentsLoc?: SpecLocation;
  /** Source loaders by `data.source` (default: bundled + file). */
  readonly sources?: NamedRegistry<SourceLoader>;
  readonly signal?: AbortSignal;
  /** Most bytes a data file may have, whatever data.max_file_bytes says (the server's limit). */
  readonly maxFileBytes?: number;
}

/**
 * The data pipeline: source → symbol/date selection → quality monitor
 * (policies from data.quality) → canonical frame → optional resampling →
 * alignment to one calendar (data.align) → OhlcvPanel → segments → content hash.
 */
export async function loadDataset(
  section: DataSpec,
  options: LoadDatasetOptions = {},
): Promise<MarketDataset> {
  const sources = options.sources ?? createDataSourceRegistry();
  const specLoc =
    options.loc ??
    (options.specFile !== undefined ? specLocation(options.specFile).at("/data") : undefined);
  const loc = specLoc ?? sectionLocation("data");
  const ctx: SourceContext = {
    baseDir: options.baseDir ?? process.cwd(),
    ...(specLoc ? { loc: specLoc } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
  };
  const loader = sourceLoaderOrThrow(sources, section.source, loc);
  const loaded = await loader(section, ctx);
  const selected = selectRows(loaded.sourced, section, loc);
  const { data, report } = runQualityMonitor(
    selected,
    section.quality,
    { calendar: loaded.calendar, closesOnly: loaded.provenance.closesOnly },
    loc,
  );
  let bars = data.bars;
  let interval = loaded.interval;
  // A provider fetches at its own `interval`; bundled and file bars are resampled to theirs.
  const resampleTo =
    section.source === "bundled" || section.source === "file" ? section.interval : undefined;
  if (resampleTo && resampleTo !== interval) {
    bars = resampleBars(bars, resampleTo, interval, loc.at("/interval"));
    interval = resampleTo;
  }
  const frame = barsToFrame(bars);
  const present = new Set(symbolsOf(bars));
  const symbols = (section.symbols ?? symbolsOf(selected.bars)).filter((s) => present.has(s));
  const { panel, report: alignment } = alignToPanel(bars, symbols, {
    calendar: section.align.calendar,
    fill: section.align.fill,
    ...(section.align.limit !== undefined ? { limit: section.align.limit } : {}),
    loc: loc.at("/align"),
  });
  const segmentsLoc =
    options.segmentsLoc ??
    (options.specFile !== undefined
      ? specLocation(options.specFile).at("/segments")
      : sectionLocation("segments"));
  const { segments, origin } = segmentsFromSpec(panel.timestamps, options.segments, segmentsLoc);
  return {
    frame,
    panel,
    hash: barsContentHash(bars),
    quality: report,
    segments,
    segmentsOrigin: origin,
    alignment,
    provenance: loaded.provenance,
    calendar: loaded.calendar,
    ...(interval ? { interval } : {}),
  };
}

function sourceLoaderOrThrow(
  sources: NamedRegistry<SourceLoader>,
  name: string,
  loc: SpecLocation,
): SourceLoader {
  if (sources.has(name)) return sources.get(name);
  try {
    return sources.get(name);
  } catch (error) {
    throw specError(
      loc.at("/source"),
      (error as Error).message,
      `one of: ${sources.names().join(", ")}`,
    );
  }
}

/** data.symbols and data.start / data.end (inclusive dates) applied to source rows. */
function selectRows(sourced: SourcedBars, section: DataSpec, loc: SpecLocation): SourcedBars {
  const { bars } = sourced;
  const n = bars.timestamp.length;
  let wanted: Set<string> | undefined;
  if (section.symbols?.length) {
    const known = symbolsOf(bars);
    const missing = section.symbols.filter((s) => !known.includes(s));
    if (missing.length) {
      throw specError(loc.at("/symbols"), dataMessages.unknownSymbols(missing, known));
    }
    wanted = new Set(section.symbols);
  }
  const from = section.start ? specDateToMs(section.start, loc.at("/start")) : -Infinity;
  const to = section.end
    ? specDateToMs(section.end, loc.at("/end")) +
      (/^\d{4}-\d{2}-\d{2}$/.test(section.end) ? 86_400_000 : 1)
    : Infinity;
  if (!wanted && from === -Infinity && to === Infinity) return sourced;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const ts = bars.timestamp[i]!;
    if (wanted && !wanted.has(bars.symbol[i]!)) continue;
    // NaN timestamps cannot occur (unparseable dates are errors); keep range test simple
    if (ts >= from && ts < to) keep.push(i);
  }
  if (keep.length === 0) {
    throw specError(
      loc.at("/start"),
      dataMessages.emptyAfterFilter(section.start ?? "-", section.end ?? "-"),
    );
  }
  return keepRows(sourced, keep);
}
