/**
 * `npm run gen:types` writes runtime/spec/types.generated.ts from schemas/;
 * `npm run check:types` regenerates in memory and fails (exit 1) when the
 * committed file differs.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../core/atomic-write.js";
import { generateSpecTypes } from "./generate-types.js";
import { defaultSchemaDir } from "./schema-set.js";

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
      process.stderr.write(
        "runtime/spec/types.generated.ts is stale: the schemas changed. Run `npm run gen:types` and commit the result.\n",
      );
      return 1;
    }
    process.stdout.write("runtime/spec/types.generated.ts is up to date\n");
    return 0;
  }
  writeFileAtomic(target, text);
  process.stdout.write(
    `wrote runtime/spec/types.generated.ts (${text.split("\n").length} lines)\n`,
  );
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
