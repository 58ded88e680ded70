import { UserError } from "../core/errors.js";
import { isPrototypeName, ownValue } from "../core/own-keys.js";
import { didYouMean } from "../core/suggest.js";
import { messages } from "../messages/index.js";
import type { ModelVersion, RegisteredModel, RegistryData } from "./types.js";

const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const ALIAS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** A name a user chooses for a registry key: refused when it names an Object.prototype member. */
function checkNotReserved(what: "model name" | "alias" | "tag" | "metric", name: string): void {
  if (isPrototypeName(name)) throw new UserError(messages.registry.reservedName(what, name));
}

export function checkModelName(name: string): void {
  checkNotReserved("model name", name);
  if (!MODEL_NAME.test(name)) throw new UserError(messages.registry.badModelName(name));
}

export function checkAlias(alias: string): void {
  checkNotReserved("alias", alias);
  if (!ALIAS.test(alias) || alias === "latest")
    throw new UserError(messages.registry.badAlias(alias));
}

export function checkTagKey(key: string): void {
  checkNotReserved("tag", key);
}

export function checkMetricName(name: string): void {
  checkNotReserved("metric", name);
}

/**
 * Refuses a metric that is not a finite number before anything is written:
 * registry.json and the store keep metrics as JSON, which has no NaN or
 * Infinity (they would come back as null, which no backend can read as a metric).
 */
export function checkMetricValues(metrics: Readonly<Record<string, number>> = {}): void {
  for (const [name, value] of Object.entries(metrics))
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new UserError(messages.registry.metricNotFinite(name, value));
}

/** "no registered model …; did you mean …?" with the closest of `known`. */
export function modelNotFound(name: string, known: readonly string[]): UserError {
  return new UserError(messages.registry.modelNotFound(name, didYouMean(name, [...known])));
}

export function findModel(data: RegistryData, name: string): RegisteredModel {
  const model = ownValue(data.models, name);
  if (!model) throw modelNotFound(name, Object.keys(data.models));
  return model;
}

/** A version by number ("3", 3), alias ("champion") or "latest". */
export function findVersion(model: RegisteredModel, ref: string | number): ModelVersion {
  const text = String(ref);
  let found: ModelVersion | undefined;
  if (text === "latest") found = model.versions.at(-1);
  else if (/^\d{1,15}$/.test(text)) found = model.versions.find((v) => v.version === Number(text));
  else {
    const n = ownValue(model.aliases, text);
    found = n === undefined ? undefined : model.versions.find((v) => v.version === n);
  }
  if (!found) {
    const known = [...model.versions.map((v) => v.version), ...Object.keys(model.aliases)];
    throw new UserError(messages.registry.versionNotFound(model.name, text, known));
  }
  return found;
}
