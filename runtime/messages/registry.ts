/** Messages of the model registry and its CLI. */
export const registryMessages = {
  badModelName: (name: string) =>
    `model name "${name}" is not valid: use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit`,
  badAlias: (alias: string) =>
    `alias "${alias}" is not valid: use letters, digits, "_" and "-", starting with a letter (e.g. champion)`,
  modelNotFound: (name: string, suggestion: string | undefined) =>
    `no registered model "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (list them with: drlwb models list)`,
  versionNotFound: (name: string, ref: string, known: readonly (string | number)[]) =>
    `model "${name}" has no version or alias "${ref}"; it has: ${known.length ? known.join(", ") : "no versions"}`,
  noVersions: (name: string) => `model "${name}" has no versions`,
  registered: (name: string, version: number) => `registered ${name} version ${version}`,
  aliasSet: (name: string, alias: string, version: number) =>
    `${name}@${alias} → version ${version}`,
  deleted: (what: string, freed: number) =>
    `deleted ${what}; ${freed} unreferenced artifact(s) removed`,
  artifactMissing: (name: string, version: number, hash: string) =>
    `the artifact ${hash.slice(0, 12)} of ${name} version ${version} is missing from the store`,
  nothingToRegister: () =>
    "the `register:` stage needs a trained model (an `agent:`) or a strategy signal to register",
} as const;
