import { isPlainObject, setOwn } from "./pointer.js";

/**
 * Deep merge of spec layers: mappings merge key by key, everything else
 * (lists, scalars, null) in `over` replaces what is in `base`. Pure; inputs are not modified.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) setOwn(out, key, value);
  for (const [key, value] of Object.entries(over)) {
    setOwn(out, key, Object.hasOwn(base, key) ? deepMerge(base[key], value) : value);
  }
  return out;
}
