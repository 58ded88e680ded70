import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Diagnostic, formatDiagnostic } from "../core/errors.js";
import { isEnvName } from "../core/ids.js";
import { policyMessages } from "../messages/policy.js";
import { specMessages } from "../messages/spec.js";
import { environmentLayers } from "./environments.js";
import { explainErrors } from "./explain-errors.js";
import { composeSpecFile } from "./extends.js";
import { schemaOfKind, type SpecKind } from "./kinds.js";
import { diagnosticOf, originLookup, type SpecLayer } from "./layers.js";
import { deepMerge } from "./merge.js";
import { isPlainObject, setOwn } from "./pointer.js";
import type { NodeOrigin } from "./position.js";
import type { Problem } from "./problem.js";
import type { SpecOfKind } from "./spec-types.js";
import { buildProvenance, type Provenance } from "./provenance.js";
import { createSchemaSet, defaultSchemaDir, type SchemaSet } from "./schema-set.js";
import { walkSchema } from "./schema-walk.js";
import { policyProblems } from "./policy-checks.js";
import { extractSecrets } from "./secret-fields.js";
import { cliSpecPolicy, type SpecPolicy } from "./spec-policy.js";
import { experimentChecks } from "./semantic-checks.js";
import { sweepChecks } from "./sweep-checks.js";
import { withYamlLimits, type YamlLimits } from "./yaml-limits.js";

export interface LoadSpecOptions {
  /** Environment overlay to apply (`--env NAME`). */
  readonly env?: string;
  /** A runtime config folder holding `<env>.yaml` overlays. */
  readonly configDir?: string;
  /** Environment variables checked for `${env:NAME}` references (default: process.env). */
  readonly environ?: Record<string, string | undefined>;
  /**
   * What the spec may touch (runtime/spec/spec-policy.ts). Default: the CLI's
   * policy (today's behaviour). Every violation is an error diagnostic.
   */
  readonly policy?: SpecPolicy;
  /**
   * Bounds on every spec file read (size, nesting depth, alias expansion,
   * values), over the policy's own; unset keys take the defaults of
   * schemas/server.schema.json's `limits.spec_*`.
   */
  readonly limits?: Partial<YamlLimits>;
}

/** A successfully loaded spec of kind `K`. */
export interface LoadedSpec<K extends SpecKind = SpecKind> {
  readonly ok: true;
  readonly kind: K;
  /**
   * The normalized spec (defaults filled, overlays applied, secrets as
   * SecretRef), typed by kind once narrowed (`if (r.kind === "experiment")`):
   * the generated type of the kind's schema (runtime/spec/types.generated.ts).
   */
  readonly spec: SpecOfKind[K];
  /** JSON pointer of every leaf → user | extends | env | default. */
  readonly provenance: Provenance;
  /** Every file read (the spec, the files it extends, overlays, a sweep's base), for hashing. */
  readonly files: string[];
  /** Warnings (never errors). */
  readonly diagnostics: Diagnostic[];
  /**
   * Where a value came from (file and line:col of the nearest node at or above
   * `pointer`), for problems found after loading, such as a stage's own checks.
   */
  readonly locate: (pointer: string) => NodeOrigin | undefined;
}

/** A spec that could not be loaded: every problem found, errors first by position. */
export interface FailedSpec {
  readonly ok: false;
  readonly diagnostics: Diagnostic[];
  readonly files: string[];
}

/** A loaded, validated and normalized spec (discriminated by `kind`), or every problem found. */
export type SpecLoadResult = { [K in SpecKind]: LoadedSpec<K> }[SpecKind] | FailedSpec;

export interface SpecLoader {
  readonly schemas: SchemaSet;
  loadSpec(file: string, options?: LoadSpecOptions): SpecLoadResult;
  /** Every problem (errors and warnings) of a spec file, sorted by position. */
  validateSpecFile(file: string, options?: LoadSpecOptions): Diagnostic[];
}

/**
 * A loader bound to one set of schema folders (compiled once, reused for
 * every spec it loads). `schemaDirs` defaults to the package's schemas/.
 */
export function createSpecLoader(schemaDirs: readonly string[] = [defaultSchemaDir()]): SpecLoader {
  const schemas = createSchemaSet(schemaDirs);
  const loadSpec = (file: string, options: LoadSpecOptions = {}): SpecLoadResult => {
    try {
      return load(schemas, file, options);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        files: [file],
        diagnostics: [
          { file, path: "", message: specMessages.internal(detail), severity: "error" },
        ],
      };
    }
  };
  return {
    schemas,
    loadSpec,
    validateSpecFile(file, options = {}) {
      const result = loadSpec(file, options);
      if (options.env !== undefined) return result.diagnostics;
      return [
        ...result.diagnostics,
        ...environmentDiagnostics(loadSpec, file, options, result.diagnostics),
      ];
    },
  };
}

function load(
  schemas: SchemaSet,
  file: string,
  options: LoadSpecOptions,
  nested = false,
): SpecLoadResult {
  const policy = withYamlLimits(options.policy ?? cliSpecPolicy(), options.limits);
  const composed = composeSpecFile(file, policy);
  const files = [...composed.files];
  const diagnostics = [...composed.diagnostics];
  const fail = (): SpecLoadResult => ({
    ok: false,
    diagnostics: finish(diagnostics, files),
    files,
  });
  if (hasErrors(diagnostics)) return fail();
  const kind: SpecKind = composed.kind ?? "experiment";
  const layers: SpecLayer[] = [...composed.layers];
  if (options.env !== undefined && policy.workspace !== null && !isEnvName(options.env)) {
    diagnostics.push({
      file,
      path: "",
      message: policyMessages.badEnvName(options.env),
      severity: "error",
    });
    return fail();
  }
  if (options.env !== undefined) {
    const overlays = environmentLayers(mergeLayers(layers), layers, {
      specFile: file,
      env: options.env,
      ...(options.configDir ? { configDir: options.configDir } : {}),
      useConfigFiles: kind === "experiment",
    });
    files.push(...overlays.files);
    diagnostics.push(...overlays.diagnostics);
    layers.push(...overlays.layers);
    if (hasErrors(diagnostics)) return fail();
  }
  const lookup = originLookup(layers);
  const merged = mergeLayers(layers);
  if (kind !== "experiment") delete merged.environments;

  const resource = schemaOfKind(kind);
  const validate = compileValidator(schemas, resource, file);
  if ("diagnostic" in validate) {
    diagnostics.push(validate.diagnostic);
    return fail();
  }
  const problems: Problem[] = [];
  if (!validate.fn(merged))
    problems.push(...explainErrors(schemas, validate.fn.errors ?? [], merged));
  if (kind === "experiment") problems.push(...experimentChecks(merged));
  const walked = walkSchema(schemas, resource, merged);
  const normalized = walked.data as Record<string, unknown>;
  delete normalized.environments;
  const secrets = extractSecrets(
    normalized,
    walked.secrets,
    options.environ ?? process.env,
    policy,
  );
  problems.push(...secrets.problems);
  problems.push(...policyProblems(normalized, kind, file, policy));
  if (kind === "sweep" && !problems.some((p) => (p.severity ?? "error") === "error") && !nested) {
    const sweep = sweepChecks(file, normalized, (base) => {
      const loaded = load(schemas, base, options, true);
      // The sweep checks read the base as plain data (they walk parameter paths into it).
      return loaded.ok ? { ...loaded, spec: { ...loaded.spec } } : loaded;
    });
    problems.push(...sweep.problems);
    files.push(...sweep.files.filter((f) => !files.includes(f)));
    diagnostics.push(...sweep.diagnostics);
  }
  diagnostics.push(...problems.map((p) => diagnosticOf(p, lookup, file)));
  if (hasErrors(diagnostics)) return fail();
  // The data was validated against the kind's schema, so it has the kind's type.
  const loaded: LoadedSpec = {
    ok: true,
    kind,
    spec: secrets.data as SpecOfKind[SpecKind],
    provenance: buildProvenance(normalized, walked.defaulted, lookup),
    files,
    diagnostics: finish(diagnostics, files),
    locate: (pointer: string) => lookup(pointer)?.origin,
  } as LoadedSpec;
  return loaded as SpecLoadResult;
}

/**
 * Validation without `--env` also checks every environment the spec can be
 * run with (its `environments:` and config/<env>.yaml files): problems that
 * only appear with an overlay are reported, marked with the environment.
 */
function environmentDiagnostics(
  loadSpec: SpecLoader["loadSpec"],
  file: string,
  options: LoadSpecOptions,
  known: readonly Diagnostic[],
): Diagnostic[] {
  const seen = new Set(known.map((d) => formatDiagnostic(d)));
  const out: Diagnostic[] = [];
  for (const env of environmentNames(file, options.configDir, options.policy)) {
    const result = loadSpec(file, { ...options, env });
    for (const d of result.diagnostics) {
      const line = formatDiagnostic(d);
      if (seen.has(line)) continue;
      seen.add(line);
      out.push({ ...d, message: specMessages.inEnvironment(env, d.message) });
    }
  }
  return out;
}

function environmentNames(
  file: string,
  configDir: string | undefined,
  policy: SpecPolicy | undefined,
): string[] {
  const composed = composeSpecFile(file, policy);
  if (composed.diagnostics.some((d) => d.severity === "error")) return [];
  if ((composed.kind ?? "experiment") !== "experiment") return [];
  const environments = mergeLayers(composed.layers).environments;
  const names = isPlainObject(environments) ? Object.keys(environments) : [];
  for (const dir of [join(dirname(file), "config"), ...(configDir ? [configDir] : [])]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir))
      if (f.endsWith(".yaml")) names.push(f.slice(0, -".yaml".length));
  }
  return [...new Set(names)].sort();
}

function mergeLayers(layers: readonly SpecLayer[]): Record<string, unknown> {
  const merged = layers.reduce<unknown>((acc, layer) => deepMerge(acc, layer.data), {});
  const out: Record<string, unknown> = {};
  if (isPlainObject(merged)) for (const [k, v] of Object.entries(merged)) setOwn(out, k, v);
  return out;
}

type Compiled = { fn: ReturnType<SchemaSet["validator"]> } | { diagnostic: Diagnostic };

function compileValidator(schemas: SchemaSet, resource: string, file: string): Compiled {
  const internal = (message: string): Compiled => ({
    diagnostic: { file, path: "", message, severity: "error" },
  });
  if (!schemas.resources.has(resource)) {
    const reason = schemas.broken.get(resource);
    return internal(
      reason
        ? specMessages.schemaBroken(resource, reason)
        : specMessages.schemaNotFound(resource, schemas.dirs),
    );
  }
  try {
    return { fn: schemas.validator(resource) };
  } catch (error) {
    const missing = (error as { missingSchema?: unknown }).missingSchema;
    if (typeof missing === "string" && missing !== "") {
      return internal(specMessages.schemaMissing(resource, missing, schemas.dirs));
    }
    return internal(
      specMessages.schemaBroken(resource, error instanceof Error ? error.message : String(error)),
    );
  }
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Deduplicated, ordered by file (in reading order), line and column. */
function finish(diagnostics: readonly Diagnostic[], files: readonly string[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = `${d.file}|${d.line}|${d.col}|${d.path}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const order = (file: string) => {
    const i = files.findIndex((f) => resolve(f) === resolve(file));
    return i === -1 ? files.length : i;
  };
  return unique.sort(
    (a, b) =>
      order(a.file) - order(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      a.path.localeCompare(b.path),
  );
}
