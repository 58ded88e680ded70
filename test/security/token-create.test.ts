// Token lifetimes are bounded: `drlwb token create --expires` must be positive
// and at most a maximum (default 90 days, `--max-lifetime` to change it).
// Before the fix `--expires 1000y` and `--expires -1h` were accepted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-token-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const create = (...args: string[]) =>
  runCli(["token", "create", "--role", "viewer", "--registry", root, ...args]);

describe("drlwb token create --expires", () => {
  it.each([
    ["1000y", "longer than the maximum token lifetime 90d"],
    ["91d", "longer than the maximum token lifetime 90d"],
    ["-1h", 'must be a positive lifetime such as 12h, 30d or 2w (at most 90d); got "-1h"'],
    ["0h", 'got "0h"'],
    ["1h ago", 'got "1h ago"'],
    ["1.5h", 'got "1.5h"'],
    ["forever", 'got "forever"'],
  ])("refuses --expires %s with exit 2 and a clear message", async (span, message) => {
    const result = await create("--expires", span);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });

  it("refuses --expires=-1h (the = form) too", async () => {
    const result = await runCli([
      "token",
      "create",
      "--role",
      "viewer",
      "--registry",
      root,
      "--expires=-1h",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("must be a positive lifetime");
  });

  it.each([
    ["12h", 12 * 3600],
    ["90d", 90 * 86_400],
    ["2w", 14 * 86_400],
  ])("creates a token for --expires %s whose exp − iat is exactly that", async (span, seconds) => {
    const result = await create("--expires", span);
    expect(result.code).toBe(0);
    const claims = decodeJwt(result.stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(seconds);
  });

  it("defaults to 12 h", async () => {
    const claims = decodeJwt((await create()).stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it("takes a different maximum from --max-lifetime, and refuses a bad one", async () => {
    expect((await create("--expires", "200d", "--max-lifetime", "1y")).code).toBe(0);
    const shorter = await create("--expires", "2d", "--max-lifetime", "1d");
    expect(shorter.code).toBe(2);
    expect(shorter.stderr).toContain("longer than the maximum token lifetime 1d");
    const bad = await create("--max-lifetime", "-5d");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '--max-lifetime must be a positive lifetime such as 90d or 12w; got "-5d"',
    );
  });
});
