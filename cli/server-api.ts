/**
 * `drl-workbench/server`: the embeddable server for notebooks and scripts —
 * start it in-process (the same startServer `drlwb serve` runs), and sign a
 * bearer token with the registry's secret to call it.
 */
export { createToken } from "../server/auth/jwt.js";
export { loadSigningSecret } from "../server/auth/secret.js";
export { type RunningServer, startServer } from "./serve.js";
export type { ServeOptions } from "./serve.js";
