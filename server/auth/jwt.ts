import { createSecretKey, type KeyObject } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { credentialsMessages } from "../../runtime/messages/credentials.js";
import { isRole, type Principal, type Role } from "./roles.js";
import { serverMessages } from "../../runtime/messages/server.js";

export const TOKEN_AUDIENCE = "drlwb-api";
export const TOKEN_ISSUER = "drlwb";

/** Lifetime of a token when none is given: 12 hours. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 12 * 3600;

/** Clock difference tolerated between the machine that signed a token and the server. */
const CLOCK_SKEW_SECONDS = 60;

export interface TokenOptions {
  readonly subject: string;
  readonly role: Role;
  /** Lifetime in seconds (exp − iat), positive; default 12 h. */
  readonly lifetimeSeconds?: number;
  /** Not valid before (epoch seconds). */
  readonly notBefore?: number;
}

/** Signs an HS256 bearer token with subject, role, audience, issuer, iat, nbf and exp. */
export async function createToken(secret: Uint8Array, options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isSafeInteger(lifetime) || lifetime <= 0)
    throw new RangeError(serverMessages.tokenLifetime());
  return new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.subject)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(now)
    .setNotBefore(options.notBefore ?? now - 5)
    .setExpirationTime(now + lifetime)
    .sign(secret);
}

/**
 * Why a token was refused, as a short code for the audit log and the 401
 * message (never the token itself): `bad_signature`, `expired`,
 * `algorithm_not_allowed`, `claim_<name>_<missing|check_failed|…>`,
 * `lifetime_too_long`, `issued_in_future`, `no_role`, `malformed_token`.
 */
export class TokenRefused extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = "TokenRefused";
    this.reason = reason;
  }
}

export interface VerifyOptions {
  /** Longest accepted lifetime (exp − iat) and remaining lifetime (exp − now), in seconds. */
  readonly maxLifetimeSeconds: number;
}

export interface VerifiedToken {
  readonly principal: Principal;
  readonly exp: number;
  readonly nbf: number;
}

/**
 * Verifies signature (HS256 only, so `alg: none` and any other algorithm are
 * refused), `exp`, `nbf`, `iat`, `aud` and `iss`, a known role claim, and a
 * bounded lifetime: tokens without `exp`, or living longer than
 * `maxLifetimeSeconds`, are refused. Throws TokenRefused.
 */
export async function verifyToken(
  secret: Uint8Array | KeyObject,
  token: string,
  options: VerifyOptions,
): Promise<VerifiedToken> {
  let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ["HS256"],
      audience: TOKEN_AUDIENCE,
      issuer: TOKEN_ISSUER,
      requiredClaims: ["exp", "nbf", "iat", "sub"],
    }));
  } catch (error) {
    const reason = joseReason(error);
    throw new TokenRefused(reason, credentialsMessages.invalidToken(reason.replaceAll("_", " ")));
  }
  const { exp, nbf, iat, sub } = payload;
  if (exp === undefined || nbf === undefined || iat === undefined || sub === undefined)
    throw new TokenRefused("claim_missing", credentialsMessages.invalidToken("claim missing"));
  const now = Math.floor(Date.now() / 1000);
  if (iat > now + CLOCK_SKEW_SECONDS)
    throw new TokenRefused(
      "issued_in_future",
      credentialsMessages.invalidToken("issued in future"),
    );
  if (exp - iat > options.maxLifetimeSeconds || exp - now > options.maxLifetimeSeconds) {
    throw new TokenRefused(
      "lifetime_too_long",
      credentialsMessages.tokenLifetimeTooLong(options.maxLifetimeSeconds),
    );
  }
  if (!isRole(payload.role))
    throw new TokenRefused("no_role", credentialsMessages.tokenWithoutRole());
  return { principal: { subject: sub, role: payload.role, via: "jwt" }, exp, nbf };
}

/** A fixed code for a jose verification error (its message is not reused). */
function joseReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = /^[a-z]{2,8}$/.test(error.claim) ? error.claim : "unknown";
    const why = /^[a-z_]{2,20}$/.test(error.reason) ? error.reason : "invalid";
    return `claim_${claim}_${why}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad_signature";
  if (error instanceof errors.JOSEAlgNotAllowed) return "algorithm_not_allowed";
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return "malformed_token";
  return "invalid_token";
}

/**
 * A verifier for the server's hot path: the HMAC key is imported once, and a
 * token whose signature and claims were verified is remembered (bounded) so
 * repeated calls with it skip the HMAC; its `exp` and `nbf` are still checked
 * on every call.
 */
export function createTokenVerifier(
  secret: Uint8Array,
  options: VerifyOptions & { readonly maxCached?: number },
) {
  const key = createSecretKey(secret);
  const maxCached = options.maxCached ?? 10_000;
  const verified = new Map<string, VerifiedToken>();
  return async (token: string): Promise<Principal> => {
    const now = Math.floor(Date.now() / 1000);
    const hit = verified.get(token);
    if (hit && now < hit.exp && now >= hit.nbf) return hit.principal;
    verified.delete(token);
    const result = await verifyToken(key, token, options);
    if (verified.size >= maxCached) verified.delete(verified.keys().next().value!);
    verified.set(token, result);
    return result.principal;
  };
}
