import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { artifactPath, storeArtifact } from "../../runtime/registry/artifacts.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { runCli } from "../support/cli.js";

const temp = mkdtempSync(join(tmpdir(), "drlwb-gc-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let counter = 0;
function folder(content: string): string {
  const dir = join(temp, `src-${counter++}`);
  mkdirSync(join(dir, "model"), { recursive: true });
  writeFileSync(join(dir, "model", "weights.bin"), content);
  return dir;
}

/** Sets the modification time of `path` and everything below it to `ms` ago. */
function age(path: string, ms: number): void {
  const when = new Date(Date.now() - ms);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) age(join(path, name), ms);
  utimesSync(path, when, when);
}

const HOUR = 3_600_000;

/** A registry with one referenced artifact and every kind of leftover, old and fresh. */
function littered() {
  const root = join(temp, `reg-${counter++}`);
  const reg = new ModelRegistry(root);
  const kept = reg.registerModel({ name: "m", sourceDir: folder("kept") });
  age(reg.artifactDir(kept), 3 * HOUR); // old but referenced: never collected
  const oldOrphan = storeArtifact(root, folder("old orphan")).hash;
  age(artifactPath(root, oldOrphan), 2 * HOUR);
  const freshOrphan = storeArtifact(root, folder("fresh orphan")).hash;
  const staleCopy = `${artifactPath(root, "ab".repeat(32))}.0123456789ab.tmp`;
  mkdirSync(join(staleCopy, "model"), { recursive: true });
  writeFileSync(join(staleCopy, "model", "weights.bin"), "half a copy");
  age(staleCopy, 2 * HOUR);
  const freshCopy = `${artifactPath(root, "cd".repeat(32))}.ba9876543210.tmp`;
  mkdirSync(freshCopy, { recursive: true });
  writeFileSync(join(freshCopy, "weights.bin"), "copy in progress");
  const staleWrite = join(root, ".a1b2c3d4e5f6.tmp");
  writeFileSync(staleWrite, '{"format":1,"mod');
  age(staleWrite, 2 * HOUR);
  const freshWrite = join(root, ".f6e5d4c3b2a1.tmp");
  writeFileSync(freshWrite, '{"format":1');
  return { root, reg, kept, oldOrphan, freshOrphan, staleCopy, freshCopy, staleWrite, freshWrite };
}

describe("registry garbage collection", () => {
  it("removes unreferenced artifacts and stale .tmp leftovers, keeps referenced ones and anything fresh", () => {
    const r = littered();
    const report = r.reg.gc();
    expect(report.dryRun).toBe(false);
    expect(report.removed.map((i) => [i.kind, i.path]).sort()).toEqual(
      [
        ["artifact", `artifacts/${r.oldOrphan.slice(0, 2)}/${r.oldOrphan}`],
        ["temporary", ".a1b2c3d4e5f6.tmp"],
        ["temporary", `artifacts/ab/${"ab".repeat(32)}.0123456789ab.tmp`],
      ].sort(),
    );
    expect(report.bytes).toBe(
      "old orphan".length + "half a copy".length + '{"format":1,"mod'.length,
    );
    expect(existsSync(artifactPath(r.root, r.oldOrphan))).toBe(false);
    expect(existsSync(r.staleCopy)).toBe(false);
    expect(existsSync(r.staleWrite)).toBe(false);
    expect(existsSync(r.reg.artifactDir(r.kept))).toBe(true);
    expect(existsSync(artifactPath(r.root, r.freshOrphan))).toBe(true);
    expect(existsSync(r.freshCopy)).toBe(true);
    expect(existsSync(r.freshWrite)).toBe(true);
    expect(r.reg.getVersion("m", 1).artifact).toBe(r.kept.artifact);
    expect(r.reg.gc().removed).toEqual([]);
  });

  it("a dry run lists the same items and removes nothing; a zero minimum age takes fresh leftovers too", () => {
    const r = littered();
    const dry = r.reg.gc({ dryRun: true });
    expect(dry.removed).toHaveLength(3);
    expect(existsSync(artifactPath(r.root, r.oldOrphan))).toBe(true);
    const all = r.reg.gc({ minAgeMs: 0 });
    expect(all.removed).toHaveLength(6);
    expect(existsSync(artifactPath(r.root, r.freshOrphan))).toBe(false);
    expect(existsSync(r.freshCopy)).toBe(false);
    expect(existsSync(r.reg.artifactDir(r.kept))).toBe(true);
  });

  it("storing content that is already stored refreshes it, so gc cannot take it from the version about to reference it", () => {
    const r = littered();
    storeArtifact(r.root, folder("old orphan")); // same content as the old orphan
    expect(r.reg.gc().removed.map((i) => i.kind)).not.toContain("artifact");
    expect(existsSync(artifactPath(r.root, r.oldOrphan))).toBe(true);
  });

  it("drlwb models gc reports what it removed (text and --json) and refuses a bad --min-age", async () => {
    const r = littered();
    const dry = await runCli(["models", "gc", "--registry", r.root, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`artifact  artifacts/${r.oldOrphan.slice(0, 2)}/${r.oldOrphan}`);
    expect(dry.stdout).toMatch(/would remove 1 unreferenced artifact\(s\) and 2 stale temporary/);
    const run = await runCli(["models", "gc", "--registry", r.root, "--min-age", "90m", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).removed).toHaveLength(3);
    expect(existsSync(r.freshCopy)).toBe(true);
    const bad = await runCli(["models", "gc", "--registry", r.root, "--min-age", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--min-age "soon" is not a duration');
  });
});
