/** Messages of the model registry and its CLI. */

/** A user-chosen name, quoted and cut short (a URL segment can be kilobytes long). */
const quote = (value: string) => {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
};

export const registryMessages = {
  badModelName: (name: string) =>
    `model name ${quote(name)} is not valid: use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit`,
  badAlias: (alias: string) =>
    `alias ${quote(alias)} is not valid: use letters, digits, "_" and "-", starting with a letter (e.g. champion)`,
  reservedName: (what: "model name" | "alias" | "tag" | "metric", name: string) =>
    `${what} ${quote(name)} is reserved (it names a built-in property of JavaScript objects); choose another`,
  modelNotFound: (name: string, suggestion: string | undefined) =>
    `no registered model ${quote(name)}${suggestion ? `; did you mean "${suggestion}"?` : ""} (list them with: drlwb models list)`,
  versionNotFound: (name: string, ref: string, known: readonly (string | number)[]) =>
    `model "${name}" has no version or alias ${quote(ref)}; it has: ${known.length ? known.join(", ") : "no versions"}`,
  noVersions: (name: string) => `model "${name}" has no versions`,
  metricNotFinite: (name: string, value: number) =>
    `metric ${quote(name)} is ${String(value)}: a registered metric must be a finite number (leave it out, or say why in a tag)`,
  registered: (name: string, version: number) => `registered ${name} version ${version}`,
  aliasSet: (name: string, alias: string, version: number) =>
    `${name}@${alias} → version ${version}`,
  deleted: (what: string, freed: number) =>
    `deleted ${what}; ${freed} unreferenced artifact(s) removed`,
  artifactMissing: (name: string, version: number, hash: string) =>
    `the artifact ${hash.slice(0, 12)} of ${name} version ${version} is missing from the store`,
  badBackend: (value: string, source: string) =>
    `${source} ${quote(value)} is not a registry backend; use lowdb (registry.json, the default) or store (the tracking store, e.g. PostgreSQL shared by several hosts)`,
  nothingToRegister: () =>
    "the `register:` stage needs a trained model (an `agent:`) or a strategy signal to register",

  /** A registry state file (registry.json) that cannot be used; `file` is as the reader may see it. */
  stateFileBroken: (file: string, problem: string) =>
    `the registry file ${file} cannot be used: ${problem}; restore it from a backup (the artifacts under artifacts/ are intact)`,
  stateBadField: (pointer: string, expected: string) =>
    `${pointer || "the document"} should be ${expected}`,
  stateBadFormat: (format: unknown) =>
    `its format ${quote(String(format))} is not one this version reads (1)`,
  /** What the server tells a client when the registry cannot be read (no server path). */
  unavailable: () => "the model registry cannot be read; an operator has to repair it",

  /** `drlwb models migrate --to store`: registry.json's metadata copied into the tracking store. */
  copyConflict: (versions: readonly string[]) =>
    `the store already has ${versions.slice(0, 10).join(", ")}${versions.length > 10 ? ` and ${versions.length - 10} more` : ""} with another artifact; nothing was copied (delete those versions from the store's registry, or copy into another store)`,
  copyNoSource: (file: string) =>
    `there is no ${file} to copy (the lowdb registry is empty); nothing was copied`,
  copied: (
    where: string,
    c: Record<
      "models" | "versions" | "aliases" | "tags",
      { copied: number; present: number; kept: number }
    >,
  ) =>
    `copied into the registry of the store ${where}: ${c.models.copied} model(s), ${c.versions.copied} version(s), ${c.aliases.copied} alias(es), ${c.tags.copied} tag(s); already there: ${c.versions.present} version(s), ${c.aliases.present} alias(es), ${c.tags.present} tag(s)${c.aliases.kept + c.tags.kept > 0 ? `; kept the store's own value of ${c.aliases.kept} alias(es) and ${c.tags.kept} tag(s)` : ""}. The artifacts stay in the registry folder; use the store backend with --registry-backend store or DRLWB_REGISTRY_BACKEND=store (the server: registry.backend: store)`,
  copyMissingArtifact: (name: string, version: number, hash: string) =>
    `warning: ${name} version ${version} was copied, but its artifact ${hash.slice(0, 12)} is not in the registry folder (it cannot be served until it is restored)`,

  gcBadAge: (text: string) =>
    `--min-age ${quote(text)} is not a duration; use a number with s, m, h or d (e.g. 30m, 1h)`,
  gcReport: (artifacts: number, temps: number, bytes: number, dryRun: boolean) =>
    `${dryRun ? "would remove" : "removed"} ${artifacts} unreferenced artifact(s) and ${temps} stale temporary file(s) or folder(s), ${bytes} bytes`,
  gcItem: (kind: "artifact" | "temporary", path: string, bytes: number) =>
    `  ${kind.padEnd(9)} ${path} (${bytes} bytes)`,
} as const;
