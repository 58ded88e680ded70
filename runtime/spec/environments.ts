import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Diagnostic } from "../core/errors.js";
import { suggestName } from "./suggest-name.js";
import { specMessages } from "../messages/spec.js";
import { diagnosticOf, mountOrigins, originLookup, type SpecLayer } from "./layers.js";
import { childPointer, isPlainObject } from "./pointer.js";
import type { NodeOrigin } from "./position.js";
import { readYamlFile } from "./yaml-source.js";

export interface OverlayOptions {
  /** The spec file (its `config/` folder holds shared overlays). */
  readonly specFile: string;
  readonly env: string;
  /** A runtime config folder with `<env>.yaml` overlays. */
  readonly configDir?: string;
  /** Config files apply to experiments only. */
  readonly useConfigFiles: boolean;
}

/**
 * The overlay layers for `--env NAME`, in merge order: `config/<env>.yaml`
 * next to the spec, then `<configDir>/<env>.yaml`, then the spec's own
 * `environments.<env>` (most specific last). An unknown environment is an error.
 */
export function environmentLayers(
  merged: Record<string, unknown>,
  layers: readonly SpecLayer[],
  options: OverlayOptions,
): { layers: SpecLayer[]; files: string[]; diagnostics: Diagnostic[] } {
  const out: SpecLayer[] = [];
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const dirs = options.useConfigFiles
    ? [join(dirname(options.specFile), "config"), ...(options.configDir ? [options.configDir] : [])]
    : [];
  for (const dir of dirs) {
    const file = join(dir, `${options.env}.yaml`);
    if (!existsSync(file)) continue;
    files.push(file);
    const parsed = readYamlFile(file, "env");
    diagnostics.push(...parsed.diagnostics);
    if (isPlainObject(parsed.data)) out.push({ file, data: parsed.data, origins: parsed.origins });
    else if (!diagnostics.some((d) => d.severity === "error")) {
      diagnostics.push({
        file,
        line: 1,
        col: 1,
        path: "",
        message: specMessages.environmentNotMapping(options.env),
        severity: "error",
      });
    }
  }
  const environments = merged.environments;
  const inline = isPlainObject(environments) && Object.hasOwn(environments, options.env);
  if (inline) {
    const pointer = childPointer("/environments", options.env);
    const overlay = (environments as Record<string, unknown>)[options.env];
    if (isPlainObject(overlay)) {
      const origins = new Map<string, NodeOrigin>();
      for (const layer of layers) {
        for (const [p, o] of mountOrigins(layer.origins, pointer, "", "env")) origins.set(p, o);
      }
      out.push({ file: options.specFile, data: overlay, origins });
    } else {
      const problem = {
        pointer,
        anchor: "value" as const,
        message: specMessages.environmentNotMapping(options.env),
      };
      diagnostics.push(diagnosticOf(problem, originLookup(layers), options.specFile));
    }
  }
  if (!inline && files.length === 0) {
    const defined = [
      ...(isPlainObject(environments) ? Object.keys(environments) : []),
      ...dirs.flatMap(configNames),
    ];
    const names = [...new Set(defined)].sort();
    const suggestion = suggestName(options.env, names);
    const problem = {
      pointer: "/environments",
      anchor: "key" as const,
      message: specMessages.unknownEnvironment(options.env, names),
      ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
    };
    diagnostics.push(diagnosticOf(problem, exactLookup(layers), options.specFile));
  }
  return { layers: out, files, diagnostics };
}

/** Positions of keys that exist (no fallback to a parent: a missing key has no position). */
function exactLookup(layers: readonly SpecLayer[]) {
  const lookup = originLookup(layers);
  return (pointer: string) => {
    const found = lookup(pointer);
    return found?.exact ? found : undefined;
  };
}

function configNames(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.slice(0, -".yaml".length));
  } catch {
    return [];
  }
}
