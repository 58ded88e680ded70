/**
 * The spec language: load YAML (with positions) → validate (JSON Schema
 * 2020-12, every problem at once) → normalize (extends, environment
 * overlays, defaults, provenance, `${env:}` secrets). Synchronous, never
 * throws for user input.
 */
import { type Diagnostic, formatDiagnostic } from "../core/errors.js";
import { hashValue } from "../core/hash.js";
import { defaultLoader } from "./default-loader.js";
import type { LoadSpecOptions, SpecLoadResult } from "./loader.js";
import { redactSecrets } from "./secret-ref.js";

export {
  createSpecLoader,
  type FailedSpec,
  type LoadedSpec,
  type LoadSpecOptions,
  type SpecLoader,
  type SpecLoadResult,
} from "./loader.js";
export type { NormalizedExperiment, NormalizedSweep, SpecOfKind } from "./spec-types.js";
export type * from "./types.generated.js";
export { SPEC_KINDS, SECTION_KINDS, type SpecKind } from "./kinds.js";
export type { Provenance } from "./provenance.js";
export type { ValueSource, Position, NodeOrigin } from "./position.js";
export {
  SecretRef,
  type SecretString,
  type SecretPart,
  type WithoutSecretRefs,
  isSecretRef,
  resolveSecrets,
  redactSecrets,
} from "./secret-ref.js";
export { defaultSchemaDir } from "./schema-set.js";
export { deepMerge } from "./merge.js";
export { sectionDefaults, type DefaultedSection } from "./section-defaults.js";

/** Loads, validates and normalizes a spec file with the package's schemas. */
export function loadSpec(file: string, options?: LoadSpecOptions): SpecLoadResult {
  return defaultLoader().loadSpec(file, options);
}

/** Every problem of a spec file (errors and warnings), sorted by position. */
export function validateSpecFile(file: string, options?: LoadSpecOptions): Diagnostic[] {
  return defaultLoader().validateSpecFile(file, options);
}

/** One `file:line:col  /json/path  message (hint)` line per diagnostic. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join("\n");
}

/** Hash of a normalized spec (secrets as their references, key order irrelevant). */
export function specHash(spec: unknown): string {
  return hashValue(redactSecrets(spec));
}
