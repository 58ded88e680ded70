/**
 * The `drlwb` command run from source (`node --import tsx test/support/drlwb-source.ts …`),
 * for tests that need the CLI as a real child process (signals, exit codes)
 * without depending on a fresh `dist/` build. Same behaviour as bin/drlwb.js.
 */
import { main } from "../../cli/main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
