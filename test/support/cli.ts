import { main } from "../../runtime/cli/main.js";

/** Runs the drlwb CLI in-process and captures its output. */
export async function runCli(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: { write: (t: string) => out.push(t) > 0 },
    stderr: { write: (t: string) => err.push(t) > 0 },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
