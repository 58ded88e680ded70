// Tests clean up after themselves: the global setup (test/setup/global.ts)
// points TMPDIR at one folder per vitest run and removes it in its teardown.
// Before the fix each run of the suite left ~1,800 folders in /tmp.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRegistryRoot } from "../../runtime/registry/index.js";

describe("temporary folders of the test suite", () => {
  it("land in the run's own temp root, which the global teardown removes", () => {
    const root = tmpdir();
    expect(basename(root)).toMatch(/^drlwb-vitest-\d+-\w+$/);
    expect(existsSync(root)).toBe(true);
    expect(process.env.TMPDIR).toBe(root);
    // The root's name carries the pid of the vitest process that owns it (for stale-root clean-up).
    const owner = Number(/^drlwb-vitest-(\d+)-/.exec(basename(root))?.[1]);
    expect(owner).not.toBe(process.pid);
    expect(() => process.kill(owner, 0)).not.toThrow();
    expect(dirname(root)).not.toBe(root);
  });

  it("are inherited by processes the tests start", () => {
    const child = spawnSync(
      process.execPath,
      ["-e", "process.stdout.write(require('os').tmpdir())"],
      {
        encoding: "utf8",
      },
    );
    expect(child.stdout).toBe(tmpdir());
  });

  it("keep the default registry out of the repository", () => {
    expect(defaultRegistryRoot()).toBe(join(tmpdir(), "default-registry"));
  });
});
