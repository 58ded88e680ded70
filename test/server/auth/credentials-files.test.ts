/**
 * The server's credential files (server/auth/api-keys.ts, secret.ts, private-file.ts): API keys
 * stored as digests only and matched in constant time, a corrupt key file named with the record
 * at fault, the signing secret from the environment or a 0600 file created once, and any
 * credentials file that group or others can read refused.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { StateFileError } from "../../../runtime/core/state-file.js";
import {
  checkApiKeysFile,
  createApiKey,
  matchApiKey,
  readApiKeys,
} from "../../../server/auth/api-keys.js";
import { assertPrivateFile } from "../../../server/auth/private-file.js";
import { loadSigningSecret, SECRET_FILE } from "../../../server/auth/secret.js";
import { isRole, roleAtLeast, ROLES } from "../../../server/auth/roles.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-cred-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(mkdtempSync(join(root, `${n++}-`)), name);

describe("API keys", () => {
  it("stores digests only, in a 0600 file, and matches each key to its account", () => {
    const file = fresh("api-keys.json");
    const bot = createApiKey(file, "ci-bot", "researcher");
    const ops = createApiKey(file, "ops", "admin");
    expect(bot.key).toMatch(/^drlwb_[0-9a-f]{8}_[\w-]{32}$/);
    const text = readFileSync(file, "utf8");
    expect(text).not.toContain(bot.key);
    expect(text).not.toContain(ops.key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keys = readApiKeys(file);
    expect(keys.map((k) => [k.name, k.role])).toEqual([
      ["ci-bot", "researcher"],
      ["ops", "admin"],
    ]);
    expect(matchApiKey(keys, bot.key)).toEqual({
      subject: "key:ci-bot",
      role: "researcher",
      via: "api-key",
    });
    expect(matchApiKey(keys, ops.key)?.role).toBe("admin");
    expect(matchApiKey(keys, `${bot.key}x`)).toBeUndefined();
    expect(matchApiKey(keys, "")).toBeUndefined();
  });

  it("a missing key file holds no keys and passes the start-up check", () => {
    const file = fresh("api-keys.json");
    expect(readApiKeys(file)).toEqual([]);
    expect(() => checkApiKeysFile(file)).not.toThrow();
  });

  it("refuses a key file that is not a list, or has a malformed record, naming the file", () => {
    const file = fresh("api-keys.json");
    writeFileSync(file, '{"id": "x"}', { mode: 0o600 });
    expect(() => readApiKeys(file)).toThrow(StateFileError);
    expect(() => readApiKeys(file)).toThrow(/not a JSON list/);
    const record = { id: "1", name: "a", role: "viewer", sha256: "00", createdAt: "t" };
    writeFileSync(file, JSON.stringify([record, { ...record, role: "root" }]));
    expect(() => checkApiKeysFile(file)).toThrow(file);
    writeFileSync(file, "[{");
    expect(() => readApiKeys(file)).toThrow(StateFileError);
  });

  it("refuses to add a key to a key file that others can read", () => {
    const file = fresh("api-keys.json");
    createApiKey(file, "a", "viewer");
    chmodSync(file, 0o644);
    expect(() => createApiKey(file, "b", "viewer")).toThrow(/chmod 600/);
    expect(() => checkApiKeysFile(file)).toThrow(/chmod 600/);
    expect(readApiKeys(file)).toHaveLength(1);
  });
});

describe("the signing secret", () => {
  it("takes DRLWB_JWT_SECRET when set, refusing one shorter than 32 characters", () => {
    const dir = mkdtempSync(join(root, "env-"));
    const secret = loadSigningSecret(dir, { DRLWB_JWT_SECRET: "k".repeat(32) });
    expect(new TextDecoder().decode(secret)).toBe("k".repeat(32));
    expect(() => loadSigningSecret(dir, { DRLWB_JWT_SECRET: "short" })).toThrow(/32 characters/);
    expect(() => statSync(join(dir, SECRET_FILE))).toThrow();
  });

  it("otherwise creates a random 0600 secret file once and reads it back after", () => {
    const dir = mkdtempSync(join(root, "file-"));
    const first = loadSigningSecret(dir, {});
    const file = join(dir, SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^[0-9a-f]{64}$/);
    expect(loadSigningSecret(dir, {})).toEqual(first);
    expect(loadSigningSecret(mkdtempSync(join(root, "other-")), {})).not.toEqual(first);
  });

  it("refuses a secret file that group or others can read, naming it and the fix", () => {
    const dir = mkdtempSync(join(root, "open-"));
    loadSigningSecret(dir, {});
    const file = join(dir, SECRET_FILE);
    for (const mode of [0o640, 0o604, 0o660]) {
      chmodSync(file, mode);
      expect(() => loadSigningSecret(dir, {})).toThrow(file);
      expect(() => assertPrivateFile(file)).toThrow(/chmod 600/);
    }
    chmodSync(file, 0o400);
    expect(() => assertPrivateFile(file)).not.toThrow();
    chmodSync(file, 0o644);
    // Windows has no POSIX modes: not checked there.
    expect(() => assertPrivateFile(file, "win32")).not.toThrow();
  });
});

describe("roles", () => {
  it("are ordered viewer < researcher < admin, each including those before it", () => {
    expect(ROLES).toEqual(["viewer", "researcher", "admin"]);
    expect(roleAtLeast("admin", "viewer")).toBe(true);
    expect(roleAtLeast("researcher", "researcher")).toBe(true);
    expect(roleAtLeast("viewer", "researcher")).toBe(false);
    expect(roleAtLeast("researcher", "admin")).toBe(false);
    expect([isRole("admin"), isRole("root"), isRole(1), isRole("toString")]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
