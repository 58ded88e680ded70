/**
 * Identifiers that arrive from outside (URL segments, request bodies) and
 * name things the runtime looks up: runs, models, versions, jobs, spec files.
 * They are checked against these patterns before any lookup and are never
 * joined into file-system paths as given. No pattern admits `/`, `\`, `%`,
 * a leading `.` or a NUL, so none can name a parent folder or a hidden file.
 */

/** A run id (`20261123-211500-quickstart-1a2b3c4d`, `…-2`) or a prefix of one. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** A registered model name (as in schemas/register.schema.json). */
export const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** A version reference: a version number, an alias, or `latest`. */
export const VERSION_REF = /^(?:[1-9][0-9]{0,8}|[A-Za-z][A-Za-z0-9_-]{0,63})$/;

/** A job id (a UUID today; any short token of letters, digits and `-`). */
export const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** A spec file named relative to the server's spec folder: `name.yaml`, `group/name.yml`. */
export const SPEC_FILE =
  /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\/){0,8}[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.ya?ml$/;

/** An environment overlay name (`--env dev`). */
export const ENV_NAME = /^[a-z][a-z0-9_-]{0,63}$/;

export const isRunId = (value: string): boolean => RUN_ID.test(value);
export const isModelName = (value: string): boolean => MODEL_NAME.test(value);
export const isVersionRef = (value: string): boolean => VERSION_REF.test(value);
export const isJobId = (value: string): boolean => JOB_ID.test(value);
export const isEnvName = (value: string): boolean => ENV_NAME.test(value);

/** A relative spec file path without `.`/`..` segments (`a/../b.yaml` is refused). */
export function isSpecFileName(value: string): boolean {
  return SPEC_FILE.test(value) && !value.split("/").some((part) => part === "." || part === "..");
}
