import type { OriginLookup } from "./layers.js";
import { childPointer, isPlainObject } from "./pointer.js";
import type { ValueSource } from "./position.js";
import { SecretRef } from "./secret-ref.js";

/** JSON pointer of every leaf value → where it came from (user, extends, env overlay, or a schema default). */
export type Provenance = Record<string, ValueSource>;

export function buildProvenance(
  data: unknown,
  defaulted: ReadonlySet<string>,
  lookup: OriginLookup,
): Provenance {
  const out: Provenance = {};
  // `inDefault`: the pointer or one of its parents was filled from a default.
  const visit = (value: unknown, pointer: string, inDefault: boolean) => {
    const isDefault = inDefault || defaulted.has(pointer);
    let leaf = true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        leaf = false;
        visit(value[i], childPointer(pointer, i), isDefault);
      }
    } else if (isPlainObject(value) && !(value instanceof SecretRef)) {
      for (const key of Object.keys(value)) {
        leaf = false;
        visit(value[key], childPointer(pointer, key), isDefault);
      }
    }
    if (leaf) out[pointer] = isDefault ? "default" : (lookup(pointer)?.origin.source ?? "default");
  };
  visit(data, "", false);
  return out;
}
