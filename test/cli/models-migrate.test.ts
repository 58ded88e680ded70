/**
 * `drlwb models migrate --to store`: registry.json's models, versions,
 * aliases and tags copied into the tracking store `--store` names, so the
 * store backend lists the same models; running it again copies nothing;
 * missing or wrong arguments exit 2; a version whose artifact is missing is
 * copied with a warning.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { runCli } from "../support/cli.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-cli-models-migrate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function artifact(content: string): string {
  const dir = mkdtempSync(join(root, "src-"));
  mkdirSync(join(dir, "model"));
  writeFileSync(join(dir, "model", "weights.bin"), content);
  return dir;
}

describe("drlwb models migrate --to store", () => {
  it("copies the lowdb registry into the store, idempotently; the store backend lists the same", async () => {
    const registryDir = join(root, "registry");
    const lowdb = new ModelRegistry(registryDir);
    lowdb.registerModel({
      name: "cart",
      sourceDir: artifact("1"),
      metrics: { sharpe: 0.5 },
      tags: { stage: "prod", owner: "desk" },
      aliases: ["champion"],
    });
    lowdb.registerModel({ name: "cart", sourceDir: artifact("2"), aliases: ["challenger"] });
    const gone = lowdb.registerModel({ name: "old", sourceDir: artifact("3") });
    rmSync(lowdb.artifactDir(gone), { recursive: true });
    const flags = ["--registry", registryDir, "--store", `sqlite:${join(root, "drlwb.db")}`];

    const first = await runCli(["models", "migrate", "--to", "store", ...flags, "--json"]);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      models: { copied: 2 },
      versions: { copied: 3, present: 0 },
      aliases: { copied: 2 },
      tags: { copied: 2 },
      missingArtifacts: [{ model: "old", version: 1, artifact: gone.artifact }],
    });
    expect(first.stderr).toContain("old version 1 was copied, but its artifact");

    const again = await runCli(["models", "migrate", "--to", "store", ...flags]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("0 model(s), 0 version(s), 0 alias(es), 0 tag(s)");
    expect(again.stdout).toContain("already there: 3 version(s), 2 alias(es), 2 tag(s)");

    const fromStore = await runCli([
      "models",
      "list",
      ...flags,
      "--registry-backend",
      "store",
      "--json",
    ]);
    const fromLowdb = await runCli(["models", "list", ...flags, "--json"]);
    expect(fromStore.code, fromStore.stderr).toBe(0);
    expect(fromStore.stdout).toBe(fromLowdb.stdout);
  });

  it("refuses a missing or unknown --to, a bad backend name and a folder without registry.json (exit 2)", async () => {
    const flags = ["--store", `sqlite:${join(root, "other.db")}`];
    expect((await runCli(["models", "migrate", ...flags])).code).toBe(2);
    expect((await runCli(["models", "migrate", "--to", "lowdb", ...flags])).code).toBe(2);
    const empty = join(root, "empty");
    mkdirSync(empty);
    const none = await runCli([
      "models",
      "migrate",
      "--to",
      "store",
      "--registry",
      empty,
      ...flags,
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("there is no");
    const bad = await runCli(["models", "list", "--registry-backend", "mongo", ...flags]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--registry-backend "mongo" is not a registry backend');
  });
});
