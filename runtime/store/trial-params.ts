import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";

/** A trial's sampled parameters: a JSON object (stored as JSON text). */
export type TrialParams = Readonly<Record<string, unknown>>;

const MAX_DEPTH = 32;

/**
 * Refuses params that would not come back as written: not a plain object,
 * non-finite numbers (JSON would turn them into null), functions, symbols,
 * bigints, undefined, class instances, cycles or absurd nesting.
 */
export function checkTrialParams(params: unknown): asserts params is TrialParams {
  if (!isPlainObject(params)) throw new UserError(storeMessages.badParams("", "must be an object"));
  checkJson(params, "", 0);
}

/** The params of a stored trial. */
export function parseTrialParams(text: string): TrialParams {
  const parsed: unknown = JSON.parse(text);
  if (!isPlainObject(parsed))
    throw new Error(storeMessages.storedValueInvalid("trials", "params", text));
  return parsed;
}

function checkJson(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new UserError(storeMessages.badParams(path, "nest too deeply"));
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new UserError(storeMessages.badParams(path, `is ${value}, not finite`));
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkJson(v, `${path}[${i}]`, depth + 1);
    return;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value))
      checkJson(value[key], path === "" ? key : `${path}.${key}`, depth + 1);
    return;
  }
  throw new UserError(storeMessages.badParams(path, `is a ${typeof value}, not a JSON value`));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
