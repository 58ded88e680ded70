import { nullProtoRecord } from "../core/own-keys.js";
import type { CodeVersion } from "../run/code-version.js";

export type MetricMap = Record<string, number>;

/** Where a model version came from: enough to reproduce it. */
export interface Lineage {
  readonly runId?: string;
  readonly specHash?: string;
  readonly dataHash?: string;
  readonly code?: CodeVersion;
  readonly seed?: number;
  /** The version this one was derived from (fine-tuned, retrained). */
  readonly parentVersion?: number;
}

export interface ModelVersion {
  readonly version: number;
  /** Content hash of the immutable artifact folder (weights, normalization stats, resolved spec, metrics). */
  readonly artifact: string;
  readonly artifactBytes: number;
  readonly createdAt: string;
  readonly lineage: Lineage;
  readonly metrics: MetricMap;
  readonly description?: string;
  tags: Record<string, string>;
}

export interface RegisteredModel {
  readonly name: string;
  readonly createdAt: string;
  description?: string;
  tags: Record<string, string>;
  /** Movable names for versions, e.g. champion → 3. */
  aliases: Record<string, number>;
  versions: ModelVersion[];
}

export interface ExperimentRun {
  readonly id: string;
  readonly experiment: string;
  readonly status: string;
  readonly startedAt: string;
  readonly params: Record<string, string | number | boolean>;
  readonly metrics: MetricMap;
  readonly lineage: Lineage;
  readonly dir?: string;
}

/**
 * The whole registry document (registry.json). Every record keyed by a
 * user-chosen name (models, runs, aliases, tags, metrics, params) is
 * prototype-free once read (runtime/registry/document.ts) and is read with
 * Object.hasOwn (runtime/core/own-keys.ts).
 */
export interface RegistryData {
  readonly format: 1;
  models: Record<string, RegisteredModel>;
  runs: Record<string, ExperimentRun>;
}

export function emptyRegistry(): RegistryData {
  return { format: 1, models: nullProtoRecord(), runs: nullProtoRecord() };
}
