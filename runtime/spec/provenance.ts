import type { OriginLookup } from "./layers.js";
import { childPointer, isPlainObject, parentPointer } from "./pointer.js";
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
  const isDefault = (pointer: string): boolean => {
    for (let p = pointer; ; p = parentPointer(p)) {
      if (defaulted.has(p)) return true;
      if (p === "") return false;
    }
  };
  const visit = (value: unknown, pointer: string) => {
    const children =
      value instanceof SecretRef
        ? []
        : Array.isArray(value)
          ? value.map((v, i) => [childPointer(pointer, i), v] as const)
          : isPlainObject(value)
            ? Object.entries(value).map(([k, v]) => [childPointer(pointer, k), v] as const)
            : [];
    if (children.length === 0) {
      out[pointer] = isDefault(pointer) ? "default" : (lookup(pointer)?.origin.source ?? "default");
      return;
    }
    for (const [child, v] of children) visit(v, child);
  };
  visit(data, "");
  return out;
}
