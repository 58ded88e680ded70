import type { Logger } from "../../core/logger.js";
import type { NamedRegistry } from "../../core/named-registry.js";
import type { Rng } from "../../core/rng.js";
import type { SecretString } from "../../spec/secret-ref.js";
import type { FeatureDefinition, FeatureSpec } from "../features/feature-types.js";
import { resolveEnvRefs, secretText } from "../providers/env-ref.js";
import { connectStream, type ReconnectConfig, type StreamSummary } from "./stream-client.js";
import {
  createStreamProcessor,
  type ProcessedBar,
  type StreamProcessor,
} from "./stream-processor.js";

export interface StreamFeaturesOptions {
  url: string;
  symbols: readonly string[];
  features: readonly FeatureSpec[];
  /** Aggregate ticks into bars of this interval; omit for a bar feed. */
  interval?: string | number;
  /** Header values may be `${env:NAME}` references, resolved when connecting. */
  headers?: Record<string, SecretString>;
  reconnect?: ReconnectConfig;
  idleTimeoutMs?: number;
  /** Called with every completed bar and its features, in order. */
  onBar: (bar: ProcessedBar) => void;
  env?: Readonly<Record<string, string | undefined>>;
  rng?: Rng;
  logger?: Logger;
  registry?: NamedRegistry<FeatureDefinition>;
}

export interface FeatureStream {
  /** Settles when the feed ends (open bars are flushed first), is stopped, or gives up. */
  readonly done: Promise<StreamSummary>;
  readonly processor: StreamProcessor;
  stop(): void;
}

/**
 * A live feed → completed bars with features, in one call: the reconnecting
 * websocket client feeding the stream processor. What a notebook or a
 * serving process uses to keep indicators current bar by bar.
 */
export function streamFeatures(options: StreamFeaturesOptions): FeatureStream {
  const processor = createStreamProcessor({
    features: options.features,
    symbols: options.symbols,
    ...(options.interval !== undefined ? { interval: options.interval } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
  });
  const env = options.env ?? process.env;
  const headers = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([name, value]) => [
      name,
      resolveEnvRefs(secretText(value), env, `stream header ${name}`),
    ]),
  );
  const client = connectStream({
    url: options.url,
    symbols: options.symbols,
    headers,
    onEvent: (event) => {
      for (const bar of processor.push(event)) options.onBar(bar);
    },
    ...(options.reconnect ? { reconnect: options.reconnect } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.rng ? { rng: options.rng } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const done = client.done.then((summary) => {
    if (summary.ended === "end") for (const bar of processor.flush()) options.onBar(bar);
    return summary;
  });
  return { done, processor, stop: () => client.stop() };
}
