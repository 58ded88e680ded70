/**
 * Headless notebook execution for tests: the tslab kernel registered for
 * this checkout, the runtime compiled to dist/, and `jupyter nbconvert
 * --execute` failing on any cell error.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const JUPYTER = existsSync("/usr/bin/jupyter") ? "/usr/bin/jupyter" : "jupyter";

interface KernelSpecs {
  kernelspecs: Record<string, { resource_dir: string; spec: { argv: string[] } }>;
}

/** Registers the tslab kernel (scripts/install-kernel.sh) unless it already starts this checkout's tslab. */
export function ensureTslabKernel(): void {
  const list = JSON.parse(
    execFileSync(JUPYTER, ["kernelspec", "list", "--json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }),
  ) as KernelSpecs;
  const argv0 = list.kernelspecs.tslab?.spec.argv[0];
  if (argv0 === join(ROOT, "scripts", "tslab-kernel.sh")) return;
  execFileSync("bash", [join(ROOT, "scripts", "install-kernel.sh")], { stdio: "ignore" });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles the runtime to dist/ when it is missing or older than the sources (CI builds it in setup). */
export function ensureBuiltRuntime(): void {
  const marker = join(ROOT, "dist", "runtime", "index.js");
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(join(ROOT, "runtime"))) return;
  try {
    // TypeScript 5.9 itself: node_modules/.bin/tsc may be tslab's older copy.
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      stdio: "ignore",
    });
  } catch {
    // Type errors still emit JavaScript; the notebooks say whether what they use works.
  }
  if (!existsSync(join(ROOT, "dist", "runtime", "notebook", "index.js"))) {
    throw new Error("npm run build did not produce dist/runtime/notebook/index.js");
  }
}

export interface NotebookOutput {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | string[];
  readonly data?: Record<string, string | string[]>;
  readonly ename?: string;
  readonly evalue?: string;
}

export interface ExecutedNotebook {
  readonly file: string;
  readonly cells: { cell_type: string; source: string | string[]; outputs?: NotebookOutput[] }[];
}

/** Executes a notebook on the tslab kernel; rejects with the failing cell and its error. */
export function executeNotebook(file: string, timeoutSeconds = 600): Promise<ExecutedNotebook> {
  const outDir = mkdtempSync(join(tmpdir(), "drlwb-nb-"));
  const args = [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--ExecutePreprocessor.kernel_name=tslab",
    `--ExecutePreprocessor.timeout=${timeoutSeconds}`,
    "--output-dir",
    outDir,
    file,
  ];
  return new Promise((resolvePromise, reject) => {
    execFile(
      JUPYTER,
      args,
      {
        cwd: ROOT,
        timeout: (timeoutSeconds + 120) * 1000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      },
      (error, _stdout, stderr) => {
        if (error) {
          const detail = stderr
            .split("\n")
            .filter((l) => !/Debugger warning|frozen modules|PYDEVD|^0\.00s/.test(l))
            .slice(-40)
            .join("\n");
          reject(new Error(`${basename(file)} failed:\n${detail}`));
          return;
        }
        const executed = join(outDir, basename(file));
        const parsed = JSON.parse(
          readFileSync(executed, "utf8"),
        ) as ExecutedNotebook["cells"] extends infer C ? { cells: C } : never;
        resolvePromise({ file: executed, cells: parsed.cells });
      },
    );
  });
}

/** Every output of every code cell, flattened. */
export function outputsOf(nb: ExecutedNotebook): NotebookOutput[] {
  return nb.cells.flatMap((c) => c.outputs ?? []);
}

export function textOf(output: NotebookOutput): string {
  const t = output.text ?? output.data?.["text/plain"] ?? output.data?.["text/html"] ?? "";
  return Array.isArray(t) ? t.join("") : t;
}
