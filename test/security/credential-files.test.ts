// Secrets and key files are created mode 0600 and refused when group- or
// world-readable. Before the fix `registry/server-secret` and `api-keys.json`
// were created 0644 (despite the comment) and loaded whatever their mode.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../runtime/core/atomic-write.js";
import { isUserError } from "../../runtime/core/errors.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createApiKey } from "../../server/auth/api-keys.js";
import { loadSigningSecret } from "../../server/auth/secret.js";
import { startServer } from "../../cli/serve.js";
import { runCli } from "../support/cli.js";
import { testServerConfig } from "../support/server-config.js";

const roots: string[] = [];
const fresh = (): string => {
  const root = mkdtempSync(join(tmpdir(), "drlwb-keyfiles-"));
  roots.push(root);
  return root;
};
const modeOf = (file: string) => statSync(file).mode & 0o777;
const savedSecret = process.env.DRLWB_JWT_SECRET;

beforeEach(() => {
  // The file-based secret is what these tests are about.
  delete process.env.DRLWB_JWT_SECRET;
});
afterAll(() => {
  if (savedSecret !== undefined) process.env.DRLWB_JWT_SECRET = savedSecret;
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("file modes", () => {
  it("writeFileAtomic creates the file with the given mode, and leaves no temporary file", () => {
    const dir = fresh();
    writeFileAtomic(join(dir, "secret"), "s3cret", { mode: 0o600 });
    expect(modeOf(join(dir, "secret"))).toBe(0o600);
    // Rewriting keeps it private: the new content is written to a new 0600 file, then renamed.
    writeFileAtomic(join(dir, "secret"), "n3w", { mode: 0o600 });
    expect(modeOf(join(dir, "secret"))).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["secret"]);
  });

  it("creates server-secret, api-keys.json and audit.log readable by the owner only", async () => {
    const root = fresh();
    loadSigningSecret(root);
    expect(modeOf(join(root, "server-secret"))).toBe(0o600);
    createApiKey(join(root, "api-keys.json"), "bot", "viewer");
    createApiKey(join(root, "api-keys.json"), "bot2", "admin");
    expect(modeOf(join(root, "api-keys.json"))).toBe(0o600);

    const loaded = testServerConfig(root);
    const registry = new ModelRegistry(loaded.workspace.registry);
    const { app } = createApp({
      registry,
      secret: loadSigningSecret(registry.root),
      ...loaded,
      loadPredictor: async () => {
        throw new Error("unused");
      },
    });
    const { listen } = await import("../support/http-server.js");
    const server = await listen(app);
    await fetch(`${server.url}/models`, { headers: { "x-api-key": "wrong" } });
    await server.close();
    expect(modeOf(join(registry.root, "audit.log"))).toBe(0o600);
  });
});

describe("refusal to start on group- or world-readable credentials", () => {
  it.each([0o644, 0o640, 0o604, 0o660])("refuses server-secret with mode %o", (mode) => {
    const root = fresh();
    writeFileSync(join(root, "server-secret"), "a".repeat(64));
    chmodSync(join(root, "server-secret"), mode);
    const message = refusal(() => loadSigningSecret(root));
    expect(message).toContain(join(root, "server-secret"));
    expect(message).toContain(`chmod 600 ${join(root, "server-secret")}`);
    expect(message).not.toContain("a".repeat(64));
  });

  it("starts with a 0600 secret written by hand", () => {
    const root = fresh();
    writeFileSync(join(root, "server-secret"), "b".repeat(64), { mode: 0o600 });
    expect(loadSigningSecret(root)).toHaveLength(64);
  });

  it("`drlwb serve` does not start on a 0644 server-secret, and names the file and the fix", async () => {
    const root = fresh();
    const { workspace } = testServerConfig(root);
    writeFileSync(join(workspace.registry, "server-secret"), "c".repeat(64));
    chmodSync(join(workspace.registry, "server-secret"), 0o644);
    await expect(startServer({ workspace: root, port: 0 })).rejects.toThrow(
      /chmod 600 .*server-secret/,
    );
  });

  it("the server does not start on a 0644 api-keys.json", () => {
    const root = fresh();
    const loaded = testServerConfig(root);
    const registry = new ModelRegistry(loaded.workspace.registry);
    const file = join(registry.root, "api-keys.json");
    createApiKey(file, "bot", "viewer");
    chmodSync(file, 0o644);
    const message = refusal(() =>
      createApp({
        registry,
        secret: new TextEncoder().encode("k".repeat(40)),
        ...loaded,
        loadPredictor: async () => {
          throw new Error("unused");
        },
      }),
    );
    expect(message).toContain(`chmod 600 ${file}`);
    // Nor does the CLI add a key to it.
    expect(refusal(() => createApiKey(file, "bot2", "admin"))).toContain("chmod 600");
  });

  it("`drlwb token create` refuses a world-readable secret with exit 2", async () => {
    const root = fresh();
    writeFileSync(join(root, "server-secret"), "d".repeat(64));
    chmodSync(join(root, "server-secret"), 0o644);
    const result = await runCli(["token", "create", "--role", "viewer", "--registry", root]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`chmod 600 ${join(root, "server-secret")}`);
    expect(result.stdout).toBe("");
  });
});
