/**
 * What a spec may do: which folders its paths may resolve into, whether it
 * may read environment variables, which secrets it is granted, which keys it
 * may not set, which hosts it may contact and how much training it may ask
 * for. Plain JSON data, so a server can hand it to a worker process
 * (`JSON.stringify` → `parseSpecPolicy`).
 *
 * The CLI's default policy is today's behaviour: a trusted local user, no
 * workspace, `${env:…}` allowed, any host. The server builds a strict one
 * from its configuration (server/spec-policy.ts).
 */
import { isAbsolute } from "node:path";
import { parseYamlLimits, type YamlLimits } from "./yaml-limits.js";
import { isPlainObject } from "./pointer.js";

/** The workspace folders as absolute real paths (symbolic links resolved). */
export interface WorkspaceRoots {
  readonly root: string;
  /** Data files a spec may read (`data.source: file`). */
  readonly data: string;
  /** Spec files that may be run and extended. */
  readonly specs: string;
  /** Run folders. */
  readonly runs: string;
  /** The model registry runs register into. */
  readonly registry: string;
}

export interface SpecPolicy {
  /**
   * `cli`: a trusted local user; messages may show absolute paths.
   * `server`: an untrusted submitter; messages show workspace-relative paths only.
   */
  readonly mode: "cli" | "server";
  /** When set, every path a spec names must resolve (after realpath) inside these folders. */
  readonly workspace: WorkspaceRoots | null;
  /** Whether `${env:NAME}` references may be used in secret fields. */
  readonly allowEnv: boolean;
  /**
   * Secrets a spec may use as `${secret:NAME}` in secret fields: NAME → the
   * environment variable that holds the value. Looked up with `Object.hasOwn`.
   */
  readonly secrets: Readonly<Record<string, string>>;
  /** JSON pointers (experiment layout, e.g. `/register/registry`) a spec may not set. */
  readonly forbiddenKeys: readonly string[];
  /** Hosts a spec may make the runtime contact (data providers, caches, notifications); null: any. */
  readonly allowedHttpHosts: readonly string[] | null;
  /** Most agent training timesteps one spec may ask for (total_timesteps × evaluation seeds); null: no limit. */
  readonly maxTotalTimesteps: number | null;
  /** Most bytes a data file may have (caps `data.max_file_bytes`); null: the spec's own limit. */
  readonly maxDataFileBytes: number | null;
  /**
   * Bounds on each spec file read (size, nesting, alias expansion; see
   * runtime/spec/yaml-limits.ts); unset keys take the schema's defaults.
   */
  readonly yamlLimits?: Partial<YamlLimits>;
}

/** Keys that pick an output location: the server chooses these itself. */
export const OUTPUT_LOCATION_KEYS: readonly string[] = [
  "/register/registry",
  "/agent/training/checkpoint_dir",
  "/data/cache/dir",
];

/** A secret's name in `${secret:NAME}` (and an environment variable's name). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** The CLI's policy: today's behaviour (trusted, no workspace), optionally with a host allow-list. */
export function cliSpecPolicy(options: { allowedHttpHosts?: readonly string[] } = {}): SpecPolicy {
  return {
    mode: "cli",
    workspace: null,
    allowEnv: true,
    secrets: {},
    forbiddenKeys: [],
    allowedHttpHosts: options.allowedHttpHosts ? normalizeHosts(options.allowedHttpHosts) : null,
    maxTotalTimesteps: null,
    maxDataFileBytes: null,
  };
}

/** The environment variable behind a granted secret, or undefined. */
export function grantedSecret(policy: SpecPolicy, name: string): string | undefined {
  return Object.hasOwn(policy.secrets, name) ? policy.secrets[name] : undefined;
}

export function grantedSecretNames(policy: SpecPolicy): string[] {
  return Object.keys(policy.secrets).sort();
}

/** Host names lower-cased and trimmed (entries are `host`, `host:port` or `*.domain`). */
export function normalizeHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((h) => h.trim().toLowerCase()).filter((h) => h !== ""))];
}

/**
 * Whether `host` (a URL's hostname) with `port` may be contacted. An entry
 * `example.com` allows that host on any port, `example.com:8443` that port
 * only, `*.example.com` every subdomain.
 */
export function hostAllowed(policy: SpecPolicy, host: string, port?: string): boolean {
  const allowed = policy.allowedHttpHosts;
  if (allowed === null) return true;
  const name = host.toLowerCase();
  return allowed.some((entry) => {
    if (entry.startsWith("*."))
      return name.endsWith(entry.slice(1)) && name.length > entry.length - 1;
    const colon = entry.lastIndexOf(":");
    const bracketed = entry.startsWith("[");
    const hasPort = colon > 0 && (!bracketed || entry.lastIndexOf("]") < colon);
    if (!hasPort) return entry === name;
    return entry.slice(0, colon) === name && port !== undefined && entry.slice(colon + 1) === port;
  });
}

/**
 * A policy received as JSON (from another process): checked field by field,
 * so a malformed one is an error, never a laxer policy.
 */
export function parseSpecPolicy(value: unknown): SpecPolicy {
  const fail = (what: string): never => {
    throw new TypeError(`invalid spec policy: ${what}`);
  };
  if (!isPlainObject(value)) return fail("not an object");
  const mode = value.mode;
  if (mode !== "cli" && mode !== "server") return fail("mode");
  const workspace = value.workspace === null ? null : parseRoots(value.workspace, fail);
  if (typeof value.allowEnv !== "boolean") return fail("allowEnv");
  if (!isPlainObject(value.secrets)) return fail("secrets");
  const secrets: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, env] of Object.entries(value.secrets)) {
    if (!SECRET_NAME.test(name) || typeof env !== "string" || !SECRET_NAME.test(env))
      fail("secrets");
    secrets[name] = env as string;
  }
  const forbidden = stringList(value.forbiddenKeys) ?? fail("forbiddenKeys");
  const hosts =
    value.allowedHttpHosts === null
      ? null
      : (stringList(value.allowedHttpHosts) ?? fail("allowedHttpHosts"));
  const max = value.maxTotalTimesteps;
  if (max !== null && !(typeof max === "number" && Number.isSafeInteger(max) && max > 0))
    fail("maxTotalTimesteps");
  const maxBytes = value.maxDataFileBytes;
  if (
    maxBytes !== null &&
    !(typeof maxBytes === "number" && Number.isSafeInteger(maxBytes) && maxBytes > 0)
  )
    fail("maxDataFileBytes");
  return {
    mode,
    workspace,
    allowEnv: value.allowEnv,
    secrets: { ...secrets },
    forbiddenKeys: forbidden,
    allowedHttpHosts: hosts === null ? null : normalizeHosts(hosts),
    maxTotalTimesteps: max as number | null,
    maxDataFileBytes: maxBytes as number | null,
    ...(value.yamlLimits === undefined
      ? {}
      : { yamlLimits: parseYamlLimits(value.yamlLimits) ?? fail("yamlLimits") }),
  };
}

function parseRoots(value: unknown, fail: (what: string) => never): WorkspaceRoots {
  if (!isPlainObject(value)) return fail("workspace");
  const dir = (key: keyof WorkspaceRoots): string => {
    const path = value[key];
    return typeof path === "string" && isAbsolute(path) ? path : fail(`workspace.${key}`);
  };
  return {
    root: dir("root"),
    data: dir("data"),
    specs: dir("specs"),
    runs: dir("runs"),
    registry: dir("registry"),
  };
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === "string")
    ? [...(value as string[])]
    : undefined;
}
