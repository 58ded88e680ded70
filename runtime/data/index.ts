/** Public API of the data layer (re-exported by runtime/index.ts). */
export * from "./bundled-catalog.js";
export { bundledDatasetOrThrow, readBundledBars } from "./bundled-source.js";
export { barsContentHash, datasetContentHash } from "./content-hash.js";
export { createDateParser } from "./csv/date-parser.js";
export { scanCsvTable } from "./csv/csv-scan.js";
export type { TableScan } from "./csv/table-scan.js";
export {
  type ColumnMapping,
  readTableBars,
  type SourcedBars,
  type TableReadOptions,
} from "./csv/table-to-bars.js";
export { fileTableOptions, loadFileSource } from "./file-source.js";
export { scanParquetTable } from "./parquet-reader.js";
export { type AlignmentReport, type AlignOptions, alignToPanel } from "./frame/align.js";
export * from "./frame/bar-columns.js";
export * from "./frame/canonical-frame.js";
export {
  bucketStart,
  RESAMPLE_INTERVALS,
  type ResampleInterval,
  resampleBars,
} from "./frame/resample.js";
export { type LoadDatasetOptions, loadDataset } from "./load-dataset.js";
export * from "./market-dataset.js";
export type * from "../contracts/panel.js";
export * from "./quality/quality-config.js";
export { runQualityMonitor } from "./quality/quality-monitor.js";
export * from "./quality/quality-report.js";
export { dateRangeToBars, segmentsFromSpec, specDateToMs } from "./segments.js";
export type * from "./source.js";
export { createDataSourceRegistry } from "./source-registry.js";
export {
  computeFeatures,
  computeFeaturesIncrementally,
  panelToFrame,
} from "./features/compute-features.js";
export { createFeatureRegistry } from "./features/feature-registry.js";
export { featureSpecs } from "./features/feature-specs.js";
export type * from "./features/feature-types.js";
export { type ResolvedFeature, resolveFeatures } from "./features/resolve-features.js";
export { createDataStage, createFeaturesStage, type DataStageOptions } from "./stage.js";
export { longToWide, wideToLong } from "./frame/wide-view.js";
