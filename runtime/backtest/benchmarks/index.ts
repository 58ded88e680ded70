export type { BenchmarkContext, BenchmarkKind } from "./benchmark-kind.js";
export {
  type BenchmarkFileOptions,
  type BenchmarkFileSeries,
  benchmarkFileEquity,
  loadBenchmarkFile,
} from "./file-series.js";
export { rebalanceBars } from "./rebalance-schedule.js";
export { createBenchmarkRegistry } from "./registry.js";
export { benchmarkSection, checkBenchmark, runBenchmark } from "./resolve-benchmark.js";
