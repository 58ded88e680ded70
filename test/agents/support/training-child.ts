import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readCheckpointTimesteps } from "../../../runtime/agents/training/trainer.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

export interface ChildResult {
  readonly code: number | null;
  readonly signal: string | null;
  readonly out: string;
}

/**
 * Runs a training script in a child `node --import tsx` process with
 * `args`; with `killAt`, SIGKILLs it as soon as the checkpoint in `dir`
 * reaches that many steps (polled every 20 ms, so the kill lands at an
 * arbitrary point after it, possibly mid-write of a later checkpoint).
 */
export function runTrainingChild(
  script: string,
  args: readonly string[],
  dir: string,
  killAt?: number,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, out }));
    if (killAt !== undefined) {
      const timer = setInterval(() => {
        if ((readCheckpointTimesteps(dir) ?? 0) >= killAt) {
          clearInterval(timer);
          child.kill("SIGKILL");
        }
      }, 20);
      child.on("exit", () => clearInterval(timer));
    }
  });
}
