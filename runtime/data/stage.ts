import type { Stage } from "../core/stage.js";
import type { DataSection, SegmentsSection } from "./data-section.js";
import { computeFeatures } from "./features/compute-features.js";
import type { FeatureSpec } from "./features/feature-types.js";
import { type LoadDatasetOptions, loadDataset } from "./load-dataset.js";
import { type MarketDataset, summarizeDataset } from "./market-dataset.js";
import type { FeaturePanel } from "./panel.js";
import { formatQualitySummary } from "./quality/quality-report.js";

export interface DataStageOptions {
  /** Folder relative `data.path`s resolve against (the spec's folder). */
  readonly baseDir?: string;
  readonly specFile?: string;
  /** Source loaders (default: bundled + file; providers add theirs). */
  readonly sources?: LoadDatasetOptions["sources"];
  /** Most bytes a data file may have, whatever data.max_file_bytes says (the server's limit). */
  readonly maxFileBytes?: number;
}

/**
 * The data stage: loads the dataset, runs the quality monitor, aligns it,
 * cuts the segments and writes quality.json and dataset.json (hash, rows,
 * range, symbols, provenance, alignment, segments) into its stage folder.
 */
export function createDataStage(
  dataSection: DataSection,
  segmentsSection: SegmentsSection | undefined,
  options: DataStageOptions = {},
): Stage<Record<string, never>, MarketDataset> {
  return {
    kind: "data",
    type: dataSection.source,
    inputs: [],
    config: { data: dataSection, segments: segmentsSection ?? null },
    async run(ctx) {
      const dataset = await loadDataset(dataSection, {
        ...(options.baseDir ? { baseDir: options.baseDir } : {}),
        ...(options.specFile ? { specFile: options.specFile } : {}),
        ...(segmentsSection ? { segments: segmentsSection } : {}),
        ...(options.sources ? { sources: options.sources } : {}),
        ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
        signal: ctx.signal,
      });
      ctx.artifacts.writeJson("quality.json", dataset.quality);
      ctx.artifacts.writeJson("dataset.json", summarizeDataset(dataset));
      for (const line of formatQualitySummary(dataset.quality)) ctx.logger.log("info", line);
      ctx.logger.log("info", `dataset ${dataset.hash} (${dataset.frame.height} rows)`);
      return dataset;
    },
  };
}

/** The features stage: the spec's indicators on the aligned panel → FeaturePanel. */
export function createFeaturesStage(
  featuresSection: readonly FeatureSpec[],
): Stage<{ data: MarketDataset }, FeaturePanel> {
  return {
    kind: "features",
    type: "indicators",
    inputs: ["data"],
    config: featuresSection,
    async run(ctx, input) {
      const features = computeFeatures(input.data.panel, featuresSection);
      ctx.artifacts.writeJson("features.json", {
        names: features.names,
        symbols: features.symbols,
        bars: features.timestamps.length,
        specs: featuresSection,
      });
      return features;
    },
  };
}
