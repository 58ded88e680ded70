import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Mutable } from "../core/mutable.js";
import { projectPaths } from "../core/project-paths.js";
import type { ServerSpec } from "./types.generated.js";

/**
 * Bounds on one YAML file (a spec, a file it extends, an overlay), enforced
 * before anything is built from it: the size from the file's metadata before
 * it is read, the nesting depth by a scan of its tokens before it is parsed,
 * and the alias expansion from the parsed document before it is converted.
 */
export interface YamlLimits {
  /** Largest file in bytes. */
  readonly maxBytes: number;
  /** Deepest nesting of mappings and lists. */
  readonly maxDepth: number;
  /** Most alias uses once expanded (an alias inside an anchored node used n times counts n times). */
  readonly maxAliasCount: number;
  /** Most values once aliases are expanded. */
  readonly maxNodes: number;
}

type LimitsSection = ServerSpec["limits"];

/** The server configuration's `limits` section as YAML limits. */
export function yamlLimitsFromConfig(limits: LimitsSection): YamlLimits {
  return {
    maxBytes: limits.spec_max_bytes,
    maxDepth: limits.spec_max_depth,
    maxAliasCount: limits.spec_max_alias_count,
    maxNodes: limits.spec_max_nodes,
  };
}

let defaults: YamlLimits | undefined;

/**
 * The defaults, from schemas/server.schema.json (`limits.spec_*`): the one
 * place defaults live. Read once per process.
 */
export function defaultYamlLimits(): YamlLimits {
  if (defaults === undefined) {
    const schema = JSON.parse(
      readFileSync(join(projectPaths.schemas(), "server.schema.json"), "utf8"),
    ) as { properties: { limits: { properties: Record<string, { default: number }> } } };
    const keys = schema.properties.limits.properties;
    const value = (key: keyof LimitsSection): number => {
      const entry = keys[key]?.default;
      if (typeof entry !== "number")
        throw new Error(`server.schema.json: limits.${key} has no default`);
      return entry;
    };
    defaults = yamlLimitsFromConfig({
      json_max_depth: value("json_max_depth"),
      spec_max_bytes: value("spec_max_bytes"),
      spec_max_depth: value("spec_max_depth"),
      spec_max_alias_count: value("spec_max_alias_count"),
      spec_max_nodes: value("spec_max_nodes"),
    });
  }
  return defaults;
}

/** `overrides` over the defaults (a partial set, e.g. from a test or a loader option). */
export function resolveYamlLimits(overrides: Partial<YamlLimits> = {}): YamlLimits {
  const out: Mutable<YamlLimits> = { ...defaultYamlLimits() };
  for (const key of Object.keys(out) as (keyof YamlLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `policy` with `limits` over its own YAML limits (the same policy when there are none). */
export function withYamlLimits<P extends { readonly yamlLimits?: Partial<YamlLimits> }>(
  policy: P,
  limits: Partial<YamlLimits> | undefined,
): P {
  if (limits === undefined) return policy;
  return { ...policy, yamlLimits: { ...policy.yamlLimits, ...limits } };
}

/** YAML limits received as JSON (a spec policy from another process); undefined when malformed. */
export function parseYamlLimits(value: unknown): Partial<YamlLimits> | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const out: Partial<Mutable<YamlLimits>> = {};
  for (const key of ["maxBytes", "maxDepth", "maxAliasCount", "maxNodes"] as const) {
    if (!Object.hasOwn(value, key)) continue;
    const n: unknown = (value as Record<string, unknown>)[key];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) return undefined;
    out[key] = n;
  }
  return out;
}
