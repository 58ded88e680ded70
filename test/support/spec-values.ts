import { defaultLoader } from "../../runtime/spec/default-loader.js";
import {
  resolveSchemaValue,
  type SchemaName,
  schemaAddress,
} from "../../runtime/spec/resolve-value.js";
import { walkSchema } from "../../runtime/spec/schema-walk.js";
import type { SpecSchemas } from "../../runtime/spec/types.generated.js";

/** A section as a loaded spec holds it: validated against its schema, defaults filled. */
export function resolved<K extends SchemaName>(name: K, value: unknown): SpecSchemas[K] {
  return resolveSchemaValue(name, value, "test");
}

/**
 * Defaults filled without validating: for tests that hand a factory's own
 * checks a value the schema would refuse (a zero `target`, an unknown `type:`).
 */
export function withDefaults<K extends SchemaName>(name: K, value: unknown): SpecSchemas[K] {
  const { resource, pointer } = schemaAddress(name);
  return walkSchema(defaultLoader().schemas, resource, value, pointer).data as SpecSchemas[K];
}
