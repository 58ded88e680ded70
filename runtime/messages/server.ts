/** Messages of the prediction server and its configuration. */
export const serverMessages = {
  configInvalid: (file: string, count: number) =>
    `${file}: ${count} problem${count === 1 ? "" : "s"} in the server configuration; the server was not started`,
  configUnreadable: (file: string, reason: string) =>
    `cannot read the server configuration ${file} (${reason})`,
  signingSecretGranted: (name: string) =>
    `specs.secrets.${name} names DRLWB_JWT_SECRET, the secret that signs the server's tokens; it cannot be granted to specs`,
  badSpecFile: () =>
    "/specFile must name a .yaml file inside the server's spec folder by a relative path (letters, digits, _ . - and /, no part starting with a dot)",
  specFileNotFound: () => "/specFile names no spec file in the server's spec folder",
  badModelName: () =>
    'not a model name: model names are lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
  badVersionRef: () =>
    'not a version: a version is a number, an alias (letters, digits, "_" and "-") or "latest"',
  badJobId: () => "not a job id",
  jobNotFound: (id: string) => `no job "${id}"`,
  noReport: (id: string) => `run ${id} has no report.html`,
  unknownBodyField: () => "is not a known field",
  oneAlternativeField: () =>
    "needs exactly one of the alternative fields (e.g. observation or observations)",
  invalidBodyField: () => "is invalid",
  internalError: () => "internal error",
  authenticationIncomplete: () => "authentication could not be completed",
  rateLimited: () => "too many requests; slow down and retry later",
  tokenLifetime: () => "token lifetime must be a positive whole number of seconds",
  configLabel: () => "server configuration",
  workerEndedBySignal: (signal: string) => `signal ${signal}`,
  workerExitCode: (code: number | null) => `exit code ${code ?? "?"}`,
  noRoute: (method: string) =>
    `no route ${/^[A-Z]{1,10}$/.test(method) ? method : ""} for this path (see /openapi.json)`.replace(
      "  ",
      " ",
    ),
} as const;
