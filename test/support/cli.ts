import type { CliIO } from "../../cli/io.js";
import { main } from "../../cli/main.js";

/** A CLI IO that keeps what a command writes to stdout and stderr. */
export function bufferIO(): CliIO & { text: () => { out: string; err: string } } {
  let out = "";
  let err = "";
  return {
    stdout: {
      write: (t: string) => {
        out += t;
        return true;
      },
    },
    stderr: {
      write: (t: string) => {
        err += t;
        return true;
      },
    },
    text: () => ({ out, err }),
  };
}

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
