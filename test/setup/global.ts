// Global test setup: builds nothing, starts nothing by default. Services that a
// test family needs (Redis, Chromium, Jupyter) are started by that family's own
// setup helpers under test/support/, so a unit test run stays fast.
//
// Temporary files: this runs in vitest's main process before the test workers
// are forked, and the workers (and any process they spawn) inherit its
// environment, so pointing TMPDIR at one fresh folder makes every
// `os.tmpdir()`/`mkdtemp` of the suite land inside it; the teardown removes it
// whatever the tests left behind. Roots of earlier runs that were killed
// before their teardown are removed too.
//
// The repository: tests must write under the temp root, never into the
// project's own runs/, registry/ or drlwb.db; the teardown fails the run when they
// appeared or changed (the default registry and store are redirected to the temp root).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../runtime/core/project-paths.js";

const ROOT_PREFIX = "drlwb-vitest-";
const GUARDED = ["runs", "registry", "drlwb.db"] as const;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `drlwb-vitest-<pid>-*` roots whose vitest process is gone. */
function removeStaleRoots(base: string): void {
  for (const name of readdirSync(base)) {
    const pid = Number(/^drlwb-vitest-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && !processAlive(pid))
      rmSync(join(base, name), { recursive: true, force: true });
  }
}

/** What the guarded repository folders (and files) hold now (entry names and modification times). */
function snapshot(): string {
  return GUARDED.map((dir) => {
    const path = join(projectRoot(), dir);
    if (!existsSync(path)) return `${dir}: absent`;
    const stat = statSync(path);
    if (!stat.isDirectory()) return `${dir}: ${stat.mtimeMs} ${stat.size}`;
    const entries = readdirSync(path).sort();
    return `${dir}: ${statSync(path).mtimeMs} ${entries.join(",")}`;
  }).join("\n");
}

export default function setup(): () => void {
  process.env.DRLWB_TEST = "1";
  const base = tmpdir();
  const saved = new Map(
    ["TMPDIR", "TMP", "TEMP", "DRLWB_REGISTRY", "DRLWB_STORE"].map((k) => [k, process.env[k]]),
  );
  removeStaleRoots(base);
  const root = mkdtempSync(join(base, `${ROOT_PREFIX}${process.pid}-`));
  process.env.TMPDIR = root;
  process.env.TMP = root;
  process.env.TEMP = root;
  const registry = join(root, "default-registry");
  mkdirSync(registry);
  process.env.DRLWB_REGISTRY = registry;
  // The default tracking store (sqlite:drlwb.db in the current folder) likewise; tests that
  // name their own store pass `env` or `--store`.
  process.env.DRLWB_STORE = `sqlite:${join(root, "default-store.db")}`;
  const before = snapshot();

  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      throw new Error(
        `cannot remove the suite's temp root ${root} (${code}; a mount left behind?)`,
      );
    }
    const after = snapshot();
    if (after !== before) {
      throw new Error(
        `a test wrote into the repository's ${GUARDED.join("/ or ")}/ (write under os.tmpdir() instead):\nbefore\n${before}\nafter\n${after}`,
      );
    }
  };
}
