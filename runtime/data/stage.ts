import { resolveFeatures } from "./features/resolve-features.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { outputFields, type Stage } from "../core/stage.js";
import type { DataSpec, Segments as SegmentsSpec } from "../spec/types.generated.js";
import { computeFeatures } from "./features/compute-features.js";
import { createFeatureRegistry } from "./features/feature-registry.js";
import type { FeatureSpec } from "./features/feature-types.js";
import { type LoadDatasetOptions, loadDataset } from "./load-dataset.js";
import { type MarketDataset, summarizeDataset } from "./market-dataset.js";
import type { FeaturePanel } from "../contracts/panel.js";
import { formatQualitySummary } from "./quality/quality-report.js";

export interface DataStageOptions {
  /** Folder relative `data.path`s resolve against (the spec's folder). */
  readonly baseDir?: string;
  readonly specFile?: string;
  /** Source loaders (default: bundled + file; providers add theirs). */
  readonly sources?: LoadDatasetOptions["sources"];
  /** Most bytes a data file may have, whatever data.max_file_bytes says (the server's limit). */
  readonly maxFileBytes?: number;
  /** The data section's place in the spec (default: an experiment's `/data`). */
  readonly loc?: SpecLocation;
  /** The segments section's place in the spec (default: an experiment's `/segments`). */
  readonly segmentsLoc?: SpecLocation;
}

/** Every field of the data stage's output. */
const MARKET_DATASET_FIELDS = outputFields<MarketDataset>({
  frame: true,
  panel: true,
  hash: true,
  quality: true,
  segments: true,
  segmentsOrigin: true,
  alignment: true,
  provenance: true,
  calendar: true,
  interval: true,
});

/**
 * The data stage: loads the dataset, runs the quality monitor, aligns it,
 * cuts the segments and writes quality.json and dataset.json (hash, rows,
 * range, symbols, provenance, alignment, segments) into its stage folder.
 */
export function createDataStage(
  dataSection: DataSpec,
  segmentsSection: SegmentsSpec | undefined,
  options: DataStageOptions = {},
): Stage<"data", never, never> {
  return {
    kind: "data",
    type: dataSection.source,
    inputs: [],
    config: { data: dataSection, segments: segmentsSection ?? null },
    produces: MARKET_DATASET_FIELDS,
    reads: {},
    records: [
      // quality.json
      "quality",
      // dataset.json (rows of the frame, bars and symbols of the panel)
      "hash",
      "frame",
      "panel",
      "interval",
      "calendar",
      "provenance",
      "alignment",
      "segments",
      "segmentsOrigin",
    ],
    async run(ctx) {
      const dataset = await loadDataset(dataSection, {
        ...(options.baseDir ? { baseDir: options.baseDir } : {}),
        ...(options.specFile ? { specFile: options.specFile } : {}),
        ...(options.loc ? { loc: options.loc } : {}),
        ...(segmentsSection ? { segments: segmentsSection } : {}),
        ...(options.segmentsLoc ? { segmentsLoc: options.segmentsLoc } : {}),
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

/**
 * The features stage: the spec's indicators on the aligned panel →
 * FeaturePanel. `loc` is the features list's place in the spec (default: an
 * experiment's `/features`).
 */
export function createFeaturesStage(
  featuresSection: readonly FeatureSpec[],
  loc: SpecLocation = sectionLocation("features"),
): Stage<"features", "data", never> {
  // The rules between parameters (and duplicate output names) are checked
  // when the plan is compiled, so `drlwb validate` refuses what a run would.
  resolveFeatures(featuresSection, createFeatureRegistry(), loc);
  return {
    kind: "features",
    type: "indicators",
    inputs: ["data"],
    config: featuresSection,
    produces: outputFields<FeaturePanel>({
      timestamps: true,
      symbols: true,
      names: true,
      values: true,
    }),
    reads: { data: ["panel"] },
    // features.json (names, symbols, bar count).
    records: ["names", "symbols", "timestamps"],
    async run(ctx, input) {
      const features = computeFeatures(
        input.data.panel,
        featuresSection,
        createFeatureRegistry(),
        loc,
      );
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
