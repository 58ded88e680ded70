/**
 * Bearer tokens (server/auth/jwt.ts, token-lifetime.ts): signed tokens verify to their
 * principal; lifetimes are bounded and parsed strictly; the server's cached verifier still
 * refuses a remembered token once it has expired.
 */
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  createToken,
  createTokenVerifier,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenRefused,
  verifyToken,
} from "../../../server/auth/jwt.js";
import { formatLifetime, parseLifetime } from "../../../server/auth/token-lifetime.js";

const secret = new TextEncoder().encode("t".repeat(40));
const day = 86_400;

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TokenRefused) return error.reason;
    throw error;
  }
  throw new Error("the token was accepted");
}

describe("createToken / verifyToken", () => {
  it("round-trips subject and role, with the default 12 h lifetime", async () => {
    const token = await createToken(secret, { subject: "alice", role: "researcher" });
    const verified = await verifyToken(secret, token, { maxLifetimeSeconds: day });
    expect(verified.principal).toEqual({ subject: "alice", role: "researcher", via: "jwt" });
    const now = Math.floor(Date.now() / 1000);
    expect(verified.exp - now).toBeGreaterThan(DEFAULT_TOKEN_LIFETIME_SECONDS - 60);
    expect(verified.exp - now).toBeLessThanOrEqual(DEFAULT_TOKEN_LIFETIME_SECONDS);
    expect(verified.nbf).toBeLessThanOrEqual(now);
  });

  it("refuses to create a token with a lifetime that is not a positive whole number", async () => {
    for (const lifetimeSeconds of [0, -5, 1.5, Number.POSITIVE_INFINITY])
      await expect(
        createToken(secret, { subject: "a", role: "viewer", lifetimeSeconds }),
      ).rejects.toThrow(RangeError);
  });

  it("refuses tokens living longer than the server's maximum, not yet valid, or without a role", async () => {
    const long = await createToken(secret, {
      subject: "a",
      role: "viewer",
      lifetimeSeconds: 2 * day,
    });
    expect(await refusal(() => verifyToken(secret, long, { maxLifetimeSeconds: day }))).toBe(
      "lifetime_too_long",
    );
    const later = await createToken(secret, {
      subject: "a",
      role: "viewer",
      notBefore: Math.floor(Date.now() / 1000) + 3600,
    });
    expect(await refusal(() => verifyToken(secret, later, { maxLifetimeSeconds: day }))).toBe(
      "claim_nbf_check_failed",
    );
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: Record<string, unknown>, iat = now) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("a")
        .setAudience(TOKEN_AUDIENCE)
        .setIssuer(TOKEN_ISSUER)
        .setIssuedAt(iat)
        .setNotBefore(now - 5)
        .setExpirationTime(now + 600)
        .sign(secret);
    expect(
      await refusal(async () =>
        verifyToken(secret, await sign({ role: "root" }), { maxLifetimeSeconds: day }),
      ),
    ).toBe("no_role");
    expect(
      await refusal(async () =>
        verifyToken(secret, await sign({ role: "admin" }, now + 3600), { maxLifetimeSeconds: day }),
      ),
    ).toBe("issued_in_future");
    expect(
      await refusal(() => verifyToken(secret, "not.a.token", { maxLifetimeSeconds: day })),
    ).toBe("malformed_token");
  });
});

describe("createTokenVerifier", () => {
  it("answers a remembered token again, and refuses one signed with another secret", async () => {
    const verify = createTokenVerifier(secret, { maxLifetimeSeconds: day, maxCached: 1 });
    const a = await createToken(secret, { subject: "a", role: "viewer" });
    const b = await createToken(secret, { subject: "b", role: "admin" });
    expect(await verify(a)).toMatchObject({ subject: "a" });
    expect(await verify(b)).toMatchObject({ subject: "b", role: "admin" });
    expect(await verify(a)).toMatchObject({ subject: "a" });
    const forged = await createToken(new TextEncoder().encode("f".repeat(40)), {
      subject: "a",
      role: "admin",
    });
    expect(await refusal(() => verify(forged))).toBe("bad_signature");
  });

  it("still refuses a remembered token after it expired", async () => {
    const verify = createTokenVerifier(secret, { maxLifetimeSeconds: day });
    const token = await createToken(secret, { subject: "a", role: "viewer", lifetimeSeconds: 1 });
    expect(await verify(token)).toMatchObject({ subject: "a" });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await refusal(() => verify(token))).toBe("expired");
  });
});

describe("token lifetimes", () => {
  it("parses <positive integer><s|m|h|d|w|y> only", () => {
    expect(parseLifetime("45s")).toBe(45);
    expect(parseLifetime(" 12h ")).toBe(43_200);
    expect(parseLifetime("30d")).toBe(30 * day);
    expect(parseLifetime("2w")).toBe(14 * day);
    expect(parseLifetime("1y")).toBe(365 * day);
    for (const bad of ["0s", "-1h", "1.5h", "1h ago", "h", "", "1000000d", "5x", "1e3s"])
      expect(parseLifetime(bad), bad).toBeUndefined();
  });

  it("formats a lifetime in its largest whole unit, never years", () => {
    expect(formatLifetime(45)).toBe("45s");
    expect(formatLifetime(43_200)).toBe("12h");
    expect(formatLifetime(90 * day)).toBe("90d");
    expect(formatLifetime(14 * day)).toBe("2w");
    expect(formatLifetime(365 * day)).toBe("365d");
    expect(formatLifetime(61)).toBe("61s");
  });
});
