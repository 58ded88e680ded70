import { ownValue } from "../core/own-keys.js";
import { findVersion } from "./refs.js";
import type { ModelVersion, RegisteredModel } from "./types.js";

export interface VersionComparison {
  readonly name: string;
  readonly a: number;
  readonly b: number;
  readonly metrics: readonly {
    metric: string;
    a: number | null;
    b: number | null;
    diff: number | null;
  }[];
}

export interface VersionFilter {
  readonly name?: string;
  readonly tag?: { key: string; value?: string };
  /** e.g. { metric: "sharpe", op: ">", value: 1 } */
  readonly metric?: { metric: string; op: ">" | ">=" | "<" | "<=" | "="; value: number };
}

/** Metric differences b − a between two versions of `model` (by number, alias or "latest"). */
export function compareModelVersions(
  model: RegisteredModel,
  a: string | number,
  b: string | number,
): VersionComparison {
  const va = findVersion(model, a);
  const vb = findVersion(model, b);
  const keys = [...new Set([...Object.keys(va.metrics), ...Object.keys(vb.metrics)])].sort();
  return {
    name: model.name,
    a: va.version,
    b: vb.version,
    metrics: keys.map((metric) => {
      const x = ownValue(va.metrics, metric) ?? null;
      const y = ownValue(vb.metrics, metric) ?? null;
      return { metric, a: x, b: y, diff: x === null || y === null ? null : y - x };
    }),
  };
}

const COMPARE = {
  ">": (x: number, y: number) => x > y,
  ">=": (x: number, y: number) => x >= y,
  "<": (x: number, y: number) => x < y,
  "<=": (x: number, y: number) => x <= y,
  "=": (x: number, y: number) => x === y,
};

/** The versions of `models` (sorted by name) that pass `filter`, in model then version order. */
export function searchModelVersions(
  models: readonly RegisteredModel[],
  filter: VersionFilter = {},
): { name: string; version: ModelVersion }[] {
  return models
    .filter((m) => filter.name === undefined || m.name === filter.name)
    .flatMap((m) => m.versions.map((version) => ({ name: m.name, version })))
    .filter(({ version }) => {
      if (
        filter.tag &&
        (filter.tag.value === undefined
          ? !Object.hasOwn(version.tags, filter.tag.key)
          : ownValue(version.tags, filter.tag.key) !== filter.tag.value)
      )
        return false;
      if (filter.metric) {
        const value = ownValue(version.metrics, filter.metric.metric);
        if (value === undefined || !COMPARE[filter.metric.op](value, filter.metric.value))
          return false;
      }
      return true;
    });
}

/** Models sorted by name, as every backend lists them. */
export function byModelName(a: RegisteredModel, b: RegisteredModel): number {
  return a.name.localeCompare(b.name);
}
