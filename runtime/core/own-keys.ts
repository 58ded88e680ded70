/**
 * Records keyed by user-chosen strings (model names, aliases, tags, metric
 * names): read only own properties, write with defineProperty, build them
 * without a prototype. `record["constructor"]` on a plain object finds
 * Object.prototype's function; these helpers never do.
 */

/** Names that resolve to something on a plain object without being set: never usable as keys. */
const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** True for `__proto__`, `constructor`, `prototype` and every other Object.prototype member. */
export function isPrototypeName(key: string): boolean {
  return PROTOTYPE_NAMES.has(key);
}

/** The record's own value at `key` (never an inherited one). */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets an own, enumerable property (`__proto__` included) without invoking setters. */
export function setOwnValue<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A prototype-free copy of `source`'s own enumerable entries. */
export function nullProtoRecord<T>(source: Readonly<Record<string, T>> = {}): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(source)) setOwnValue(out, key, source[key] as T);
  return out;
}
