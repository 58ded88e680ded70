/**
 * Messages of the spec policy: what a spec may touch (workspace folders,
 * secrets, network hosts, limits). Shown to whoever submitted the spec, so
 * they never contain file content, a secret's value or an absolute server path.
 */
import type { FileKind } from "../core/file-kind.js";
import { limitsMessages } from "./limits.js";

const quote = (value: string) => {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};
const names = (values: readonly string[]) => (values.length ? values.join(", ") : "none");

export const policyMessages = {
  outsideFolder: (key: string, written: string, folder: string) =>
    `${key} ${quote(written)} is outside the workspace's ${folder} folder`,
  outsideFolderHint: (folder: string) =>
    `name a file inside ${folder}/, relative to the spec (symbolic links are followed, so a link out of ${folder}/ is refused too)`,
  missingFile: (key: string, written: string) => `${key} ${quote(written)}: no such file`,
  notRegularFile: (key: string, written: string, kind: Exclude<FileKind, "file" | "missing">) =>
    `${key} ${quote(written)} is ${kind === "unreadable" ? "not readable" : limitsMessages.fileKind(kind)}, not a regular file`,
  regularFileHint: () => "name a regular file (not a folder, FIFO, socket or device)",
  specOutsideFolder: (folder: string) =>
    `the spec file is outside the workspace's ${folder} folder; only specs inside it can be run`,
  forbiddenKey: (key: string) =>
    `${key} cannot be set in a spec submitted to the server: the server chooses this location`,
  forbiddenKeyHint: () => "remove the key; the server keeps outputs inside its workspace",
  envNotAllowed: () => `\`\${env:…}\` references are not allowed in specs submitted to the server`,
  envNotAllowedHint: (granted: readonly string[]) =>
    granted.length
      ? `use a secret the server grants, as \${secret:NAME}; granted: ${names(granted)}`
      : "the server grants no secrets to specs (see `specs.secrets` in its configuration)",
  unknownSecret: (name: string, granted: readonly string[]) =>
    `no secret ${quote(name)} is granted to specs; granted: ${names(granted)}`,
  unknownSecretHint: () =>
    "the operator grants secrets in the configuration (`specs.secrets` on the server)",
  secretUnavailable: (name: string) => `secret ${quote(name)} is granted but has no value here`,
  secretUnavailableHint: () => "ask the operator to set it before the server starts",
  secretNotSecretField: (text: string) =>
    `${quote(text)}: \${secret:…} references are allowed only in secret fields`,
  malformedSecret: (text: string) => `malformed secret reference ${quote(text)}`,
  malformedSecretHint: () => `write \${secret:NAME} with NAME made of letters, digits and _`,
  hostNotAllowed: (key: string, host: string, allowed: readonly string[]) =>
    `${key}: host ${quote(host)} is not on the allow-list of hosts specs may contact (allowed: ${names(allowed)})`,
  hostNotAllowedHint: (server: boolean) =>
    server
      ? "ask the operator to add the host to `specs.allowed_http_hosts`"
      : "add the host to --allow-host, or drop the allow-list",
  hostUnknown: (key: string) =>
    `${key}: cannot tell which host this contacts, so it cannot be checked against the allow-list`,
  hostUnknownHint: () => "write an absolute http(s) URL with a literal host name",
  tooManyTimesteps: (key: string, total: number, seeds: number, limit: number) =>
    `${key}: ${seeds > 1 ? `${total} timesteps × ${seeds} seeds` : `${total} timesteps`} exceed the limit of ${limit} per job`,
  tooManyTimestepsHint: (limit: number) =>
    `lower total_timesteps (and evaluation.seeds) to at most ${limit} in total`,
  badEnvName: (env: string) => `environment name ${quote(env)} is not valid`,
  runsOutsideFolder: (folder: string) =>
    `the run folder must be inside the workspace's ${folder} folder`,
  outsideWorkspace: () => "(outside the workspace)",
} as const;
