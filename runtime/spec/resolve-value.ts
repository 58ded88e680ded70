import { type Diagnostic, UserError } from "../core/errors.js";
import { specMessages } from "../messages/spec.js";
import { defaultLoader } from "./default-loader.js";
import { explainErrors } from "./explain-errors.js";
import { walkSchema } from "./schema-walk.js";
import type { SpecSchemas } from "./types.generated.js";

/** A schema by its generated name: `stem` (a schema file's root) or `stem/def` (one of its `$defs`). */
export type SchemaName = keyof SpecSchemas;

/** The schema file (`$id`) and the JSON pointer inside it of a schema name. */
export function schemaAddress(name: SchemaName): { resource: string; pointer: string } {
  const slash = name.indexOf("/");
  return {
    resource: `${slash === -1 ? name : name.slice(0, slash)}.schema.json`,
    pointer: slash === -1 ? "" : `/$defs/${name.slice(slash + 1)}`,
  };
}

/**
 * Validates `value` against the named schema of the package and fills its
 * defaults, as the spec loader does for a whole spec: the typed, resolved
 * value, or a `UserError` with one diagnostic per problem (paths relative to
 * `value`, in `label`). For values that do not come from a loaded spec: a
 * section built in code, or an artifact read back (a model's risk.json, a
 * saved agent's hyperparameters) — a trust boundary.
 */
export function resolveSchemaValue<K extends SchemaName>(
  name: K,
  value: unknown,
  label: string,
): SpecSchemas[K] {
  const { resource, pointer } = schemaAddress(name);
  const schemas = defaultLoader().schemas;
  const validate = schemas.validator(resource, pointer);
  if (!validate(value)) {
    const diagnostics: Diagnostic[] = explainErrors(schemas, validate.errors ?? [], value).map(
      (p) => ({
        file: label,
        path: p.pointer,
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
        severity: p.severity ?? "error",
      }),
    );
    const first = diagnostics[0];
    const summary = first ? `${first.path || "/"} ${first.message}` : "";
    throw new UserError(
      specMessages.invalidDocument(label, summary, diagnostics.length),
      diagnostics,
    );
  }
  // Validated against the schema the type is generated from.
  return walkSchema(schemas, resource, value, pointer).data as SpecSchemas[K];
}
