import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// A custom coverage report is loaded by absolute path (vitest does not resolve relative ones).
// Node runs it without a build only when it strips types (Node >= 22.18); an older Node 22
// prints istanbul's `text` table instead (per file, with folder rows).
const byFolder = (process.features as { typescript?: unknown }).typescript
  ? fileURLToPath(new URL("./scripts/coverage-by-folder.ts", import.meta.url))
  : "text";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // Measured by `npm test` (`vitest run --coverage`), not by `npm run test:unit` or a run of a
    // few files. Only code run in the test processes counts: job workers and `drlwb` child
    // processes are not measured (`autoAttachSubprocess` would count them, but a child then
    // takes seconds to write its coverage when it exits, which breaks the signal and drain tests).
    coverage: {
      provider: "v8",
      // Failing tests still show what the passing ones covered.
      reportOnFailure: true,
      include: ["runtime/**/*.ts", "server/**/*.ts", "cli/**/*.ts"],
      exclude: ["**/*.generated.ts", "**/*.d.ts", "**/*.test.ts", "dist/**"],
      reporter: ["text-summary", byFolder, "json-summary"],
      thresholds: {
        "runtime/**": { lines: 85 },
        "server/**": { lines: 85 },
      },
    },
  },
});
