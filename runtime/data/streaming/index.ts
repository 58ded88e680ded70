/** Streaming market data: a reconnecting websocket client, tick → bar aggregation, incremental features. */
export { type AggregatedBar, type BarAggregator, createBarAggregator } from "./bar-aggregator.js";
export { bucketFunction } from "./bucket.js";
export { createIncrementalFeatureSet, type IncrementalFeatureSet } from "./incremental-features.js";
export {
  connectStream,
  DEFAULT_RECONNECT,
  type ReconnectConfig,
  type StreamClient,
  type StreamClientOptions,
  type StreamSummary,
} from "./stream-client.js";
export {
  type ControlEvent,
  type MarketEvent,
  parseStreamEvent,
  type StreamBar,
  type SubscribeMessage,
  type Tick,
} from "./stream-events.js";
export {
  createStreamProcessor,
  type ProcessedBar,
  type StreamProcessor,
  type StreamProcessorOptions,
  type StreamProcessorStats,
} from "./stream-processor.js";
export {
  type FeatureStream,
  type StreamFeaturesOptions,
  streamFeatures,
} from "./stream-features.js";
