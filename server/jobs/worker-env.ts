/**
 * The environment of a job worker: a minimal base (paths, locale, temp
 * folder, Puppeteer's browser settings), the variables behind the secrets the
 * configuration grants to specs, and any the configuration names. Nothing
 * else of the server's environment — never the token-signing secret.
 */
const BASE = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TMP", "TEMP"];
const BASE_PREFIXES = ["LC_", "PUPPETEER_"];
const NEVER = new Set(["DRLWB_JWT_SECRET", "NODE_OPTIONS"]);

export function workerEnvironment(
  environ: Readonly<Record<string, string | undefined>>,
  extraNames: readonly string[],
  /** Set whatever the server's environment says (e.g. the data cache folder, kept in the workspace). */
  fixed: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const wanted = new Set([...BASE, ...extraNames]);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(environ)) {
    if (value === undefined || NEVER.has(name)) continue;
    if (wanted.has(name) || BASE_PREFIXES.some((p) => name.startsWith(p))) env[name] = value;
  }
  return { ...env, ...fixed };
}
