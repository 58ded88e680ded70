// Credentials: failed authentication is throttled per client address before
// anything is verified, every failure is audited without the credential, forged
// tokens are refused, and /metrics can be put behind a role. Before the fix,
// 3,000 wrong API keys and 3,000 forged tokens were all answered 401 (never
// throttled) and nothing was audited.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, UnsecuredJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createApiKey } from "../../server/auth/api-keys.js";
import { createToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";

const secret = new TextEncoder().encode("c".repeat(40));
const wrongSecret = new TextEncoder().encode("w".repeat(40));
const roots: string[] = [];
const closers: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const close of closers) await close();
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface TestServer {
  readonly url: string;
  readonly apiKey: string;
  readonly apiKeysFile: string;
  readonly auditFile: string;
}

/** A real server on loopback with its own workspace (and so its own failure counters). */
async function startServer(auth: Record<string, unknown> = {}): Promise<TestServer> {
  const root = mkdtempSync(join(tmpdir(), "drlwb-cred-"));
  roots.push(root);
  const loaded = testServerConfig(root, { auth, http: { rate_limit_per_minute: 1_000_000 } });
  const registry = new ModelRegistry(loaded.workspace.registry);
  const apiKeysFile = join(registry.root, "api-keys.json");
  const { key } = createApiKey(apiKeysFile, "ci-bot", "viewer");
  const { app } = createApp({
    registry,
    secret,
    ...loaded,
    loadPredictor: async () => {
      throw new Error("no models in this test");
    },
  });
  const server = await listen(app);
  closers.push(server.close);
  return { url: server.url, apiKey: key, apiKeysFile, auditFile: join(registry.root, "audit.log") };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const body = (await res.json().catch(() => null)) as { message?: string } | null;
  return { status: res.status, body, retryAfter: res.headers.get("retry-after") };
}

/** Sends `count` requests, `concurrency` at a time; returns the statuses. */
async function flood(
  count: number,
  concurrency: number,
  send: (i: number) => Promise<number>,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - i) }, (_, k) => send(i + k));
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

interface AuditLine {
  event?: string;
  address?: string;
  reason?: string;
  status?: number;
  credential?: string;
  time?: string;
  path?: string;
}

function auditLines(file: string): AuditLine[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditLine);
}

const count = (xs: number[], status: number) => xs.filter((s) => s === status).length;

/** A token signed with the server's secret, its claims shaped by `mod`. */
function signed(mod: (jwt: SignJWT) => SignJWT, role = "admin"): Promise<string> {
  return mod(
    new SignJWT({ role })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("mallory")
      .setAudience(TOKEN_AUDIENCE)
      .setIssuer(TOKEN_ISSUER),
  ).sign(secret);
}
const now = () => Math.floor(Date.now() / 1000);

describe("brute force with API keys", () => {
  it("answers 429 after max_failures wrong keys, without reading the key file again, and audits every attempt", async () => {
    const s = await startServer({ max_failures: 5 });
    const wrongKeys = Array.from({ length: 300 }, (_, i) => `drlwb_guess${i}_${"x".repeat(20)}`);
    const statuses = await flood(300, 20, async (i) => {
      const res = await get(`${s.url}/models`, { "x-api-key": wrongKeys[i]! });
      return res.status;
    });
    // API keys are checked synchronously, so not one guess past the limit is checked.
    expect(count(statuses, 401)).toBe(5);
    expect(count(statuses, 429)).toBe(295);

    const blocked = await get(`${s.url}/models`, { "x-api-key": "another-guess" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(blocked.body?.message).toContain("too many failed authentication attempts");

    // A valid key and a valid token from the same address are throttled too while it is blocked…
    expect((await get(`${s.url}/models`, { "x-api-key": s.apiKey })).status).toBe(429);
    const token = await createToken(secret, { subject: "alice", role: "viewer" });
    expect((await get(`${s.url}/models`, { authorization: `Bearer ${token}` })).status).toBe(429);
    // …and nothing is verified: a key file that can no longer be parsed is not even read.
    const keys = readFileSync(s.apiKeysFile, "utf8");
    writeFileSync(s.apiKeysFile, "{ not json", { mode: 0o600 });
    expect((await get(`${s.url}/models`, { "x-api-key": s.apiKey })).status).toBe(429);
    writeFileSync(s.apiKeysFile, keys, { mode: 0o600 });
    // Requests without credentials are not attempts: they are still served.
    expect((await get(`${s.url}/health`)).status).toBe(200);

    const lines = auditLines(s.auditFile).filter((l) => l.event === "auth_failed");
    expect(lines).toHaveLength(300 + 4);
    expect(lines.filter((l) => l.reason === "unknown_api_key")).toHaveLength(5);
    expect(lines.filter((l) => l.reason === "throttled")).toHaveLength(299);
    for (const line of lines) {
      expect(line.address).toMatch(/127\.0\.0\.1/);
      expect(Number.isNaN(Date.parse(line.time ?? ""))).toBe(false);
      expect(line.status === 401 || line.status === 429).toBe(true);
      expect(line.credential).toMatch(/^(api-key|bearer)$/);
    }
    const log = readFileSync(s.auditFile, "utf8");
    for (const presented of [...wrongKeys, s.apiKey, token, "another-guess"])
      expect(log.includes(presented), presented).toBe(false);
    expect(log).not.toContain("drlwb_");
    expect(log).not.toContain("eyJ");
  });
});

describe("brute force with forged tokens", () => {
  it("answers 429 after max_failures forged tokens, and audits them without the token", async () => {
    const s = await startServer({ max_failures: 5 });
    const forged = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        createToken(wrongSecret, { subject: `admin-${i}`, role: "admin" }),
      ),
    );
    const concurrency = 10;
    const statuses = await flood(300, concurrency, async (i) => {
      const res = await get(`${s.url}/models`, { authorization: `Bearer ${forged[i]}` });
      return res.status;
    });
    // Guesses already in flight when the first failure lands are verified; none after.
    expect(count(statuses, 401)).toBeGreaterThanOrEqual(5);
    expect(count(statuses, 401)).toBeLessThanOrEqual(5 + concurrency);
    expect(count(statuses, 401) + count(statuses, 429)).toBe(300);
    expect(statuses.slice(-250).every((s) => s === 429)).toBe(true);

    const lines = auditLines(s.auditFile).filter((l) => l.event === "auth_failed");
    expect(lines).toHaveLength(300);
    expect(lines.filter((l) => l.reason === "bad_signature")).toHaveLength(count(statuses, 401));
    const log = readFileSync(s.auditFile, "utf8");
    for (const token of forged) expect(log.includes(token)).toBe(false);
    expect(log).not.toContain("eyJ");
  });

  it("counts malformed tokens and headers as failures, and a success does not reset the count", async () => {
    const s = await startServer({ max_failures: 2 });
    const token = await createToken(secret, { subject: "alice", role: "viewer" });
    expect((await get(`${s.url}/models`, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get(`${s.url}/models`, { authorization: "Bearer a.b.c" })).status).toBe(401);
    // A success does not reset the count.
    expect((await get(`${s.url}/models`, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get(`${s.url}/models`, { authorization: "Basic abc" })).status).toBe(401);
    expect((await get(`${s.url}/models`, { authorization: `Bearer ${token}` })).status).toBe(429);
    const reasons = auditLines(s.auditFile).map((l) => l.reason);
    expect(reasons).toEqual(["malformed_token", "bad_header", "throttled"]);
  });
});

describe("forged and unbounded tokens", () => {
  it("refuses a wrong secret, alg none, expired, too-long-lived, exp-less and iat-less tokens, each audited with its reason", async () => {
    const s = await startServer({ max_failures: 1000, max_token_lifetime_seconds: 86_400 });
    const none = new UnsecuredJWT({ role: "admin" })
      .setSubject("mallory")
      .setAudience(TOKEN_AUDIENCE)
      .setIssuer(TOKEN_ISSUER)
      .setIssuedAt()
      .setNotBefore("0s")
      .setExpirationTime("1h")
      .encode();
    const cases: [string, Promise<string> | string, string][] = [
      ["wrong secret", createToken(wrongSecret, { subject: "m", role: "admin" }), "bad_signature"],
      ["alg none", none, "algorithm_not_allowed"],
      [
        "expired",
        signed((j) =>
          j
            .setIssuedAt(now() - 7200)
            .setNotBefore(now() - 7200)
            .setExpirationTime(now() - 3600),
        ),
        "expired",
      ],
      [
        "lifetime too long (1000 years)",
        signed((j) =>
          j
            .setIssuedAt(now())
            .setNotBefore(now() - 5)
            .setExpirationTime(now() + 1000 * 365 * 86_400),
        ),
        "lifetime_too_long",
      ],
      [
        "lifetime just over the maximum",
        signed((j) =>
          j
            .setIssuedAt(now())
            .setNotBefore(now() - 5)
            .setExpirationTime(now() + 86_400 + 120),
        ),
        "lifetime_too_long",
      ],
      [
        "short lifetime but issued in the future",
        signed((j) =>
          j
            .setIssuedAt(now() + 365 * 86_400)
            .setNotBefore(now() - 5)
            .setExpirationTime(now() + 365 * 86_400 + 3600),
        ),
        "issued_in_future",
      ],
      ["no exp", signed((j) => j.setIssuedAt(now()).setNotBefore(now() - 5)), "claim_exp_missing"],
      [
        "no iat",
        signed((j) => j.setNotBefore(now() - 5).setExpirationTime(now() + 3600)),
        "claim_iat_missing",
      ],
      [
        "unknown role",
        signed(
          (j) =>
            j
              .setIssuedAt(now())
              .setNotBefore(now() - 5)
              .setExpirationTime(now() + 3600),
          "owner",
        ),
        "no_role",
      ],
    ];
    for (const [name, token, reason] of cases) {
      const res = await get(`${s.url}/models`, { authorization: `Bearer ${await token}` });
      expect(res.status, name).toBe(401);
      expect(auditLines(s.auditFile).at(-1), name).toMatchObject({
        event: "auth_failed",
        reason,
        status: 401,
      });
    }
    const tooLong = await get(`${s.url}/models`, {
      authorization: `Bearer ${await cases[3]![1]}`,
    });
    expect(tooLong.body?.message).toContain("exceeds the server's maximum of 86400 s");

    // Tokens within the bound still work: 1 h, and exactly the maximum.
    const ok = await createToken(secret, { subject: "alice", role: "viewer" });
    expect((await get(`${s.url}/models`, { authorization: `Bearer ${ok}` })).status).toBe(200);
    const longest = await createToken(secret, {
      subject: "alice",
      role: "viewer",
      lifetimeSeconds: 86_400,
    });
    expect((await get(`${s.url}/models`, { authorization: `Bearer ${longest}` })).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("is open by default", async () => {
    const s = await startServer();
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# HELP");
  });

  it("needs a token of the configured role when auth.metrics_role is set", async () => {
    const s = await startServer({ metrics_role: "researcher" });
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    const viewer = await createToken(secret, { subject: "v", role: "viewer" });
    const researcher = await createToken(secret, { subject: "r", role: "researcher" });
    expect(
      (await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${viewer}` } })).status,
    ).toBe(403);
    const res = await fetch(`${s.url}/metrics`, {
      headers: { authorization: `Bearer ${researcher}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# HELP");
  });
});
