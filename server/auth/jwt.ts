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
export async function verifyToken(secret: Uint8Array, token: string): Promise<Principal> {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ["HS256"],
    audience: TOKEN_AUDIENCE,
    issuer: TOKEN_ISSUER,
    requiredClaims: ["exp", "nbf", "sub"],
  });
  if (!isRole(payload.role)) throw new Error("token has no valid role claim");
  return { subject: payload.sub!, role: payload.role, via: "jwt" };
}
