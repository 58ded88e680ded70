import { mkdirSync, realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";
import { type Diagnostic, UserError } from "../../runtime/core/errors.js";
import { projectPaths } from "../../runtime/core/project-paths.js";
import { serverMessages } from "../../runtime/messages/server.js";
import { parseYamlText } from "../../runtime/spec/yaml-source.js";
import type { ServerSpec } from "../../runtime/spec/types.generated.js";
import { describeErrors } from "../middleware/validate-body.js";
import { isPlainObject } from "../../runtime/spec/pointer.js";

/** The server configuration with every default filled (schemas/server.schema.json). */
export type ServerConfig = ServerSpec;

/** Absolute, symlink-free folders of the workspace (created when missing). */
export interface WorkspaceDirs {
  readonly root: string;
  readonly data: string;
  readonly specs: string;
  readonly runs: string;
  readonly registry: string;
}

export interface LoadedServerConfig {
  readonly config: ServerConfig;
  readonly workspace: WorkspaceDirs;
}

/**
 * Reads and validates a server configuration (YAML), fills the schema's
 * defaults and resolves the workspace folders. `file` undefined: all defaults,
 * relative to `baseDir`. `overrides` (CLI flags) are merged over the file
 * before validation, so they are checked by the same schema.
 */
export function loadServerConfig(
  file: string | undefined,
  overrides: Record<string, unknown> = {},
  baseDir = process.cwd(),
): LoadedServerConfig {
  const data = file === undefined ? {} : readConfigFile(file);
  const merged = mergeOverrides(data, overrides);
  const config = validateServerConfig(merged, file ?? serverMessages.configLabel());
  return { config, workspace: resolveWorkspace(config, file ? dirname(resolve(file)) : baseDir) };
}

/** Validates configuration data against the schema, filling defaults (a fresh copy). */
export function validateServerConfig(
  data: unknown,
  label = serverMessages.configLabel(),
): ServerConfig {
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
  const schema = JSON.parse(
    readFileSync(`${projectPaths.schemas()}/server.schema.json`, "utf8"),
  ) as object;
  ajv.addSchema(
    JSON.parse(readFileSync(`${projectPaths.schemas()}/store.schema.json`, "utf8")) as object,
  );
  const validate = ajv.compile<ServerConfig>(schema);
  const copy: unknown = structuredClone(data ?? {});
  if (validate(copy)) return copy;
  const diagnostics: Diagnostic[] = describeErrors(validate.errors).map((p) => ({
    file: label,
    path: p.path,
    message: p.message,
    severity: "error",
  }));
  throw new UserError(serverMessages.configInvalid(label, diagnostics.length), diagnostics);
}

function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new UserError(serverMessages.configUnreadable(file, reason));
  }
  const parsed = parseYamlText(file, text, "user");
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    throw new UserError(serverMessages.configInvalid(file, errors.length), errors);
  return parsed.data ?? {};
}

function mergeOverrides(data: unknown, overrides: Record<string, unknown>): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const out = new Map(Object.entries(data));
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = out.get(key);
    out.set(
      key,
      isPlainObject(current) && isPlainObject(value)
        ? { ...current, ...value }
        : (value as unknown),
    );
  }
  return Object.fromEntries(out);
}

/** The workspace folders as absolute real paths (each created when missing). */
export function resolveWorkspace(config: ServerConfig, baseDir: string): WorkspaceDirs {
  const ws = config.workspace;
  const root = real(resolve(baseDir, ws.root));
  return {
    root,
    data: real(resolve(root, ws.data)),
    specs: real(resolve(root, ws.specs)),
    runs: real(resolve(root, ws.runs)),
    registry: real(resolve(root, ws.registry)),
  };
}

function real(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return realpathSync(dir);
}
