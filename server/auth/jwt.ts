import { createSecretKey, type KeyObject } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { isRole, type Principal, type Role } from "./roles.js";

export const TOKEN_AUDIENCE = "drlwb-api";
export const TOKEN_ISSUER = "drlwb";

export interface TokenOptions {
  readonly subject: string;
  readonly role: Role;
  /** Lifetime, e.g. "1h", "30d" (jose time span). */
  readonly expiresIn?: string;
  /** Not valid before (epoch seconds). */
  readonly notBefore?: number;
}

/** Signs an HS256 bearer token with subject, role, audience, issuer, iat, nbf and exp. */
export async function createToken(secret: Uint8Array, options: TokenOptions): Promise<string> {
  return new SignJWT({ role: options.role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.subject)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt()
    .setNotBefore(options.notBefore ?? Math.floor(Date.now() / 1000) - 5)
    .setExpirationTime(options.expiresIn ?? "12h")
    .sign(secret);
}

/**
 * Verifies signature (HS256 only, so `alg: none` and any other algorithm are
 * refused), `exp`, `nbf`, `aud` and `iss`, and a known role claim.
 */
export async function verifyToken(
  secret: Uint8Array | KeyObject,
  token: string,
): Promise<Principal> {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ["HS256"],
    audience: TOKEN_AUDIENCE,
    issuer: TOKEN_ISSUER,
    requiredClaims: ["exp", "nbf", "sub"],
  });
  if (!isRole(payload.role)) throw new Error("token has no valid role claim");
  return { subject: payload.sub!, role: payload.role, via: "jwt" };
}

/**
 * A verifier for the server's hot path: the HMAC key is imported once, and a
 * token whose signature and claims were verified is remembered (bounded) so
 * repeated calls with it skip the HMAC; its `exp` and `nbf` are still checked
 * on every call.
 */
export function createTokenVerifier(secret: Uint8Array, maxCached = 10_000) {
  const key = createSecretKey(secret);
  const verified = new Map<string, { principal: Principal; exp: number; nbf: number }>();
  return async (token: string): Promise<Principal> => {
    const now = Math.floor(Date.now() / 1000);
    const hit = verified.get(token);
    if (hit && now < hit.exp && now >= hit.nbf) return hit.principal;
    verified.delete(token);
    const principal = await verifyToken(key, token);
    const { exp, nbf } = JSON.parse(
      Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"),
    ) as {
      exp: number;
      nbf: number;
    };
    if (verified.size >= maxCached) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, exp, nbf });
    return principal;
  };
}
