import { type Diagnostic, formatDiagnostic, UserError } from "../core/errors.js";
import { specMessages } from "../messages/spec.js";
import { defaultLoader } from "./default-loader.js";
import { explainErrors } from "./explain-errors.js";
import { walkSchema } from "./schema-walk.js";
import type { SpecSchemas } from "./types.generated.js";

/**
 * A value written outside a spec file (a library call such as
 * `computeFeatures(panel, featureSpecs([{ type: "rsi" }]))`) checked against
 * the schema of one section and normalized as the loader does: every problem
 * at once as a UserError (JSON pointers under `at`, "did you mean" hints),
 * else the value with the schema's defaults filled, typed as the section.
 */
export function normalizeSection<K extends keyof SpecSchemas & string>(
  stem: K,
  value: unknown,
  at = "",
): SpecSchemas[K] {
  const schemas = defaultLoader().schemas;
  const resource = `${stem}.schema.json`;
  const validate = schemas.validator(resource);
  if (!validate(value)) {
    const diagnostics: Diagnostic[] = explainErrors(schemas, validate.errors ?? [], value).map(
      (p) => ({
        file: "",
        path: at + p.pointer,
        message: p.message,
        ...(p.hint ? { hint: p.hint } : {}),
        severity: p.severity ?? "error",
      }),
    );
    const errors = diagnostics.filter((d) => d.severity === "error");
    throw new UserError(
      specMessages.sectionInvalid(
        stem,
        errors.map(formatDiagnostic).map((l) => l.trim()),
      ),
      errors,
    );
  }
  // Validated against the section's schema just above, so the filled value has its type.
  return walkSchema(schemas, resource, value).data as SpecSchemas[K];
}
