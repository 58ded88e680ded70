/**
 * How a job worker process is started: `worker-main` next to this module,
 * compiled (`dist/server/jobs/worker-main.js`) or from source under tsx
 * (`server/jobs/worker-main.ts` with `--import tsx`, as under vitest or
 * `node --import tsx`), with the configured heap limit.
 */
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface WorkerLaunch {
  readonly module: string;
  readonly execArgv: readonly string[];
}

export function workerLaunch(maxHeapMb: number): WorkerLaunch {
  const fromSource = import.meta.url.endsWith(".ts");
  const module = fileURLToPath(
    new URL(fromSource ? "./worker-main.ts" : "./worker-main.js", import.meta.url),
  );
  const execArgv = [`--max-old-space-size=${maxHeapMb}`];
  if (fromSource) {
    const tsx = createRequire(import.meta.url).resolve("tsx");
    execArgv.push("--import", pathToFileURL(tsx).href);
  }
  return { module, execArgv };
}
