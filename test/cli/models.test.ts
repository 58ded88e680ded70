import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { runCli } from "../support/cli.js";
import { trainedArtifact } from "../support/trained-model.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-cli-models-"));

beforeAll(async () => {
  const registry = new ModelRegistry(root);
  registry.registerModel({
    name: "cart",
    sourceDir: await trainedArtifact(),
    metrics: { sharpe: 0.5 },
  });
  registry.registerModel({
    name: "cart",
    sourceDir: await trainedArtifact({ steps: 256 }),
    metrics: { sharpe: 0.9 },
  });
}, 120_000);

describe("drlwb models", () => {
  it("lists, shows, aliases, compares and deletes", async () => {
    const r = ["--registry", root];
    expect(
      JSON.parse((await runCli(["models", "list", ...r, "--json"])).stdout)[0].versions,
    ).toHaveLength(2);
    const alias = await runCli(["models", "alias", "cart", "champion", "2", ...r]);
    expect(alias.stdout).toBe("cart@champion → version 2\n");
    const shown = JSON.parse(
      (await runCli(["models", "show", "cart", "champion", ...r, "--json"])).stdout,
    );
    expect(shown.version).toBe(2);
    const cmp = JSON.parse(
      (await runCli(["models", "compare", "cart", "1", "champion", ...r, "--json"])).stdout,
    );
    expect(cmp.metrics[0].metric).toBe("sharpe");
    expect(cmp.metrics[0].diff).toBeCloseTo(0.4, 12);
    const missing = await runCli(["models", "show", "crat", ...r]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('did you mean "cart"');
    const deleted = JSON.parse(
      (await runCli(["models", "delete", "cart", "1", ...r, "--json"])).stdout,
    );
    expect(deleted).toEqual({ removedVersions: [1], freedArtifacts: 1 });
    expect(
      JSON.parse((await runCli(["models", "list", ...r, "--json"])).stdout)[0].versions,
    ).toHaveLength(1);
  });

  it("creates tokens for each role and refuses unknown roles with exit 2", async () => {
    const token = await runCli(["token", "create", "--role", "researcher", "--registry", root]);
    expect(token.code).toBe(0);
    expect(token.stdout.trim().split(".")).toHaveLength(3);
    const bad = await runCli(["token", "create", "--role", "owner", "--registry", root]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--role must be one of viewer, researcher, admin");
  });
});
