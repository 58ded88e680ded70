/**
 * `npm run gen:types` writes runtime/spec/types.generated.ts from schemas/;
 * `npm run check:types` regenerates in memory and fails (exit 1) when the
 * committed file differs.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../core/atomic-write.js";
import { specMessages } from "../messages/spec.js";
import { generateSpecTypes } from "./generate-types.js";
import { defaultSchemaDir } from "./schema-set.js";

const DISPLAY = "runtime/spec/types.generated.ts";
const target = fileURLToPath(new URL("./types.generated.ts", import.meta.url));

async function main(mode: string | undefined): Promise<number> {
  const text = await generateSpecTypes(defaultSchemaDir());
  if (mode === "check") {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      current = "";
    }
    if (current !== text) {
      process.stderr.write(`${specMessages.typesStale(DISPLAY)}\n`);
      return 1;
    }
    process.stdout.write(`${specMessages.typesUpToDate(DISPLAY)}\n`);
    return 0;
  }
  writeFileAtomic(target, text);
  process.stdout.write(`${specMessages.typesWritten(DISPLAY, text.split("\n").length)}\n`);
  return 0;
}

main(process.argv[2]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
