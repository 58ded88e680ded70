import type pl from "nodejs-polars";
import type { CalendarKind } from "./bundled-catalog.js";
import type { AlignmentReport } from "./frame/align.js";
import type { OhlcvPanel, Segments } from "../contracts/panel.js";
import type { QualityReport } from "./quality/quality-report.js";
import type { DatasetProvenance } from "./source.js";

/** The output of the data stage. */
export interface MarketDataset {
  /** Canonical long frame: clean bars sorted by symbol then timestamp (before alignment fills). */
  readonly frame: pl.DataFrame;
  /** Aligned typed view every numeric consumer reads. */
  readonly panel: OhlcvPanel;
  /** `sha256:<hex>` of the canonical frame (see content-hash.ts). */
  readonly hash: string;
  readonly quality: QualityReport;
  readonly segments: Segments;
  readonly segmentsOrigin: "spec" | "default_60_20_20";
  readonly alignment: AlignmentReport;
  readonly provenance: DatasetProvenance;
  readonly calendar: CalendarKind;
  /** Bar interval after resampling, when known (`1d`, `1h`, …). */
  readonly interval?: string;
}

/** The summary written as dataset.json and printed by `data describe`. */
export interface DatasetSummary {
  readonly hash: string;
  readonly rows: number;
  readonly bars: number;
  readonly symbols: readonly string[];
  readonly start: string;
  readonly end: string;
  readonly interval: string | null;
  readonly calendar: CalendarKind;
  readonly provenance: DatasetProvenance;
  readonly alignment: AlignmentReport;
  readonly segments: Readonly<
    Record<string, { start: number; end: number; from: string; to: string }>
  >;
  readonly segmentsOrigin: string;
  readonly qualityStatus: QualityReport["status"];
}

const iso = (ms: number | undefined): string =>
  ms === undefined || Number.isNaN(ms) ? "" : new Date(ms).toISOString().replace(".000Z", "Z");

export function summarizeDataset(ds: MarketDataset): DatasetSummary {
  const ts = ds.panel.timestamps;
  const segments: Record<string, { start: number; end: number; from: string; to: string }> = {};
  for (const [name, range] of Object.entries(ds.segments)) {
    if (!range) continue;
    segments[name] = {
      start: range.start,
      end: range.end,
      from: iso(ts[range.start]),
      to: iso(ts[range.end - 1]),
    };
  }
  return {
    hash: ds.hash,
    rows: ds.frame.height,
    bars: ts.length,
    symbols: ds.panel.symbols,
    start: iso(ts[0]),
    end: iso(ts[ts.length - 1]),
    interval: ds.interval ?? null,
    calendar: ds.calendar,
    provenance: ds.provenance,
    alignment: ds.alignment,
    segments,
    segmentsOrigin: ds.segmentsOrigin,
    qualityStatus: ds.quality.status,
  };
}
