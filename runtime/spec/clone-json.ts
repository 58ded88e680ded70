import { setOwn } from "./pointer.js";

/**
 * A deep copy of JSON data (plain mappings, lists, scalars), as specs and
 * schema defaults are: copied directly, which is several times faster than
 * `structuredClone` on small values. Anything else (a Date, a class
 * instance) goes through `structuredClone`.
 */
export function cloneJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copy);
  if (Object.getPrototypeOf(value) !== Object.prototype) return structuredClone(value);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) setOwn(out, key, copy(source[key]));
  return out;
}
