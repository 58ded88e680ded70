import { readdirSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../core/errors.js";
import { policyMessages } from "../messages/policy.js";
import { suggestName } from "./suggest-name.js";
import { specMessages } from "../messages/spec.js";
import { isSectionKind, isSpecKind, SPEC_KINDS, type SpecKind } from "./kinds.js";
import { type OriginLookup, diagnosticOf, mountOrigins, type SpecLayer } from "./layers.js";
import { childPointer, isPlainObject, setOwn } from "./pointer.js";
import type { NodeOrigin, ValueSource } from "./position.js";
import type { Problem } from "./problem.js";
import type { SpecPolicy } from "./spec-policy.js";
import { displayPath, fileKind, resolvesWithin } from "./workspace-paths.js";
import { readYamlFile } from "./yaml-source.js";

/** A spec file with everything it extends, as layers in merge order (bases first). */
export interface ComposedSpec {
  /** Kind declared by the file (or inherited from the file that extends it); undefined if none. */
  readonly kind: SpecKind | undefined;
  readonly layers: SpecLayer[];
  /** Every file read, in reading order. */
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

interface ExtendsEntry {
  readonly path: string;
  readonly pointer: string;
}

/**
 * Reads `file` and, recursively, the files named by its `extends:`. Never
 * throws. Only regular files are opened (checked by stat first, so a FIFO or
 * a device never blocks). Under a policy with a workspace, the spec and every
 * file it extends must resolve (links followed) inside the workspace's specs
 * folder.
 */
export function composeSpecFile(file: string, policy?: SpecPolicy): ComposedSpec {
  const root = resolve(file);
  const specsDir = policy?.workspace?.specs;
  const refuse = (message: string, hint?: string): ComposedSpec => ({
    kind: undefined,
    layers: [],
    files: [file],
    diagnostics: [{ file, path: "", message, ...(hint ? { hint } : {}), severity: "error" }],
  });
  if (specsDir !== undefined && policy && !resolvesWithin(specsDir, root)) {
    const folder = displayPath(policy, specsDir);
    return refuse(policyMessages.specOutsideFolder(folder));
  }
  const found = fileKind(root);
  if (found !== "file" && found !== "missing" && found !== "unreadable") {
    return refuse(
      policyMessages.notRegularFile("the spec", basename(file), found),
      policyMessages.regularFileHint(),
    );
  }
  return readLayered(file, [root], "user", dirname(root), policy);
}

function readLayered(
  file: string,
  stack: readonly string[],
  source: ValueSource,
  rootDir: string,
  policy: SpecPolicy | undefined,
): ComposedSpec {
  const parsed = readYamlFile(file, source, policy?.yamlLimits);
  const files = [file];
  const diagnostics = [...parsed.diagnostics];
  const lookup: OriginLookup = (pointer) => {
    const origin = parsed.origins.get(pointer);
    return origin ? { origin, exact: true } : undefined;
  };
  const report = (problem: Problem) => diagnostics.push(diagnosticOf(problem, lookup, file));
  if (diagnostics.some((d) => d.severity === "error")) {
    return { kind: undefined, layers: [], files, diagnostics };
  }
  const data = parsed.data;
  if (data === null || data === undefined) {
    report({
      pointer: "",
      anchor: "value",
      message: specMessages.emptySpec(),
      hint: specMessages.emptySpecHint(),
    });
    return { kind: undefined, layers: [], files, diagnostics };
  }
  if (!isPlainObject(data)) {
    // A file reached through `extends` may be anything: never echo its content.
    const message =
      source === "extends" ? specMessages.extendsNotASpec() : specMessages.notAMapping(data);
    report({ pointer: "", anchor: "value", message });
    return { kind: undefined, layers: [], files, diagnostics };
  }
  let kind: SpecKind | undefined;
  if (Object.hasOwn(data, "kind")) {
    if (isSpecKind(data.kind)) kind = data.kind;
    else {
      const suggestion =
        typeof data.kind === "string" ? suggestName(data.kind, SPEC_KINDS) : undefined;
      report({
        pointer: "/kind",
        anchor: "value",
        message: specMessages.unknownKind(data.kind, SPEC_KINDS),
        ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
      });
      return { kind: undefined, layers: [], files, diagnostics };
    }
  }
  const entries = extendsEntries(data.extends, report);
  const layers: SpecLayer[] = [];
  const ownKind = kind ?? "experiment";
  const specsDir = policy?.workspace?.specs;
  for (const entry of entries) {
    const target = isAbsolute(entry.path) ? entry.path : join(dirname(file), entry.path);
    const absolute = resolve(target);
    const at = { pointer: entry.pointer, anchor: "value" as const };
    if (specsDir !== undefined && policy && !resolvesWithin(specsDir, absolute)) {
      const folder = displayPath(policy, specsDir);
      report({
        ...at,
        message: policyMessages.outsideFolder("extends", entry.path, folder),
        hint: policyMessages.outsideFolderHint(folder),
      });
      continue;
    }
    if (stack.includes(absolute)) {
      const chain = [...stack.slice(stack.indexOf(absolute)), absolute].map((f) =>
        display(f, rootDir),
      );
      report({
        ...at,
        message: specMessages.extendsCycle(chain),
        hint: specMessages.extendsCycleHint(),
      });
      continue;
    }
    const found = fileKind(absolute);
    if (found === "missing") {
      const suggestion = siblingSuggestion(target, entry.path);
      report({
        ...at,
        message: specMessages.extendsMissing(entry.path),
        ...(suggestion ? { hint: specMessages.didYouMean(suggestion) } : {}),
      });
      continue;
    }
    if (found !== "file") {
      report({
        ...at,
        message:
          found === "unreadable"
            ? specMessages.extendsUnreadable(entry.path, "permission denied")
            : policyMessages.notRegularFile("extends", entry.path, found),
        ...(found === "unreadable" ? {} : { hint: policyMessages.regularFileHint() }),
      });
      continue;
    }
    const base = readLayered(target, [...stack, absolute], "extends", rootDir, policy);
    files.push(...base.files.filter((f) => !files.includes(f)));
    diagnostics.push(...base.diagnostics);
    const baseKind = base.kind ?? ownKind;
    if (baseKind === ownKind) {
      layers.push(...base.layers);
    } else if (ownKind === "experiment" && isSectionKind(baseKind)) {
      layers.push(...base.layers.map((layer) => mountLayer(layer, baseKind)));
    } else {
      report({
        ...at,
        message: specMessages.extendsKind(baseKind, ownKind),
        hint: specMessages.extendsKindHint(),
      });
    }
  }
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key !== "kind" && key !== "extends") setOwn(own, key, value);
  }
  const origins = new Map<string, NodeOrigin>();
  for (const [pointer, origin] of parsed.origins) {
    if (!/^\/(kind|extends)(\/|$)/.test(pointer)) origins.set(pointer, origin);
  }
  layers.push({ file, data: own, origins });
  return { kind, layers, files, diagnostics };
}

function extendsEntries(value: unknown, report: (p: Problem) => void): ExtendsEntry[] {
  if (value === undefined) return [];
  if (typeof value === "string" && value.length > 0) return [{ path: value, pointer: "/extends" }];
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === "string" && v.length > 0)
  ) {
    return value.map((path, i) => ({ path: String(path), pointer: childPointer("/extends", i) }));
  }
  report({ pointer: "/extends", anchor: "value", message: specMessages.extendsNotPath() });
  return [];
}

/** Moves a `kind: data` (…) layer under the experiment's `data` (…) section. */
function mountLayer(layer: SpecLayer, section: string): SpecLayer {
  const { environments: _ignored, ...content } = layer.data;
  const data: Record<string, unknown> = {};
  setOwn(data, section, content);
  const origins = mountOrigins(layer.origins, "", `/${section}`);
  for (const pointer of origins.keys()) {
    if (pointer.startsWith(`/${section}/environments`)) origins.delete(pointer);
  }
  return { file: layer.file, data, origins };
}

function display(file: string, rootDir: string): string {
  const rel = relative(rootDir, file);
  return rel === "" ? basename(file) : rel;
}

function siblingSuggestion(target: string, written: string): string | undefined {
  try {
    const candidates = readdirSync(dirname(target)).filter((f) => /\.ya?ml$/.test(f));
    const found = suggestName(basename(target), candidates);
    return found ? `${dirname(written)}/${found}` : undefined;
  } catch {
    return undefined;
  }
}
