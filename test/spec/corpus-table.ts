/**
 * Prints the EXPECTED table of malformed-corpus.test.ts from the current
 * loader output, for adding cases: `node --import tsx test/spec/corpus-table.ts`.
 * Review every printed line before pasting it: the test asserts exactly these.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { formatDiagnostics } from "../../runtime/spec/index.js";
import { CORPUS_ENVIRON, fixtureLoader, MALFORMED_DIR } from "./fixture-loader.js";

const loader = fixtureLoader();
const rows = readdirSync(MALFORMED_DIR)
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => {
    const result = loader.loadSpec(join(MALFORMED_DIR, file), { environ: CORPUS_ENVIRON });
    const lines = formatDiagnostics(result.diagnostics)
      .split(`${MALFORMED_DIR}/`)
      .join("")
      .split("\n");
    return `  [${JSON.stringify(file)}, [\n${lines.map((l) => `    ${JSON.stringify(l)},`).join("\n")}\n  ]],`;
  });
process.stdout.write(`${rows.join("\n")}\n`);
