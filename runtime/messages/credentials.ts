/** Messages about credentials: tokens, API keys, secret files, failed authentication. */
export const credentialsMessages = {
  badAuthorizationHeader: () => "expected 'Authorization: Bearer <token>'",
  invalidToken: (reason: string) => `invalid token: ${reason}`,
  unknownApiKey: () => "unknown API key",
  needsCredentials: () => "this route needs a bearer token or an API key",
  needsRole: (needed: string, actual: string) =>
    `this route needs the role "${needed}" (you have "${actual}")`,
  throttled: (retryAfterSeconds: number) =>
    `too many failed authentication attempts from this address; try again in ${retryAfterSeconds} s`,
  tokenWithoutRole: () => "token has no valid role claim",
  tokenLifetimeTooLong: (maxSeconds: number) =>
    `the token's lifetime (exp − iat) exceeds the server's maximum of ${maxSeconds} s; create a shorter-lived token`,
  secretTooShort: () => "DRLWB_JWT_SECRET must be at least 32 characters",
  fileTooOpen: (file: string, mode: string) =>
    `${file} is readable by group or others (mode ${mode}); it holds credentials, so nothing was started. Fix: chmod 600 ${file}`,
  expiresInvalid: (given: string, max: string) =>
    `--expires must be a positive lifetime such as 12h, 30d or 2w (at most ${max}); got "${given}"`,
  expiresTooLong: (given: string, max: string) =>
    `--expires ${given} is longer than the maximum token lifetime ${max} (raise it with --max-lifetime, up to the server's auth.max_token_lifetime_seconds)`,
  maxLifetimeInvalid: (given: string) =>
    `--max-lifetime must be a positive lifetime such as 90d or 12w; got "${given}"`,
  roleInvalid: (roles: readonly string[], given: string) =>
    `--role must be one of ${roles.join(", ")} (got "${given}")`,
} as const;
