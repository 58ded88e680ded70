/**
 * Every notebook in notebooks/ executes headless on the tslab kernel with
 * `jupyter nbconvert --execute`, failing on any cell error. Notebooks are
 * committed without outputs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ensureBuiltRuntime,
  ensureTslabKernel,
  executeNotebook,
  outputsOf,
  ROOT,
  textOf,
} from "./jupyter.js";

const dir = join(ROOT, "notebooks");

/** What each notebook must show besides running cleanly (text in its outputs, inline charts). */
const EXPECTED: Record<string, { text?: RegExp; charts?: boolean }> = {
  "01-quickstart.ipynb": { text: /^complete /m, charts: true },
  "02-authoring-specs.ipynb": { text: /did you mean "sma_crossover"\?/ },
  "03-regimes.ipynb": { text: /hmm: 2 states/, charts: true },
  "04-risk.ipynb": { text: /\d+ interventions/, charts: true },
  "05-training-an-agent.ipynb": { text: /2048 steps/, charts: true },
  "06-registry-and-serving.ipynb": { text: /^200 \{"model":"spy-ppo-notebook"/m },
};
const notebooks = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

beforeAll(() => {
  ensureTslabKernel();
  ensureBuiltRuntime();
}, 600_000);

describe("notebooks", () => {
  it("are committed without outputs and use the tslab kernel", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(2);
    for (const name of notebooks) {
      const nb = JSON.parse(readFileSync(join(dir, name), "utf8")) as {
        cells: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[];
        metadata: { kernelspec: { name: string } };
      };
      expect(nb.metadata.kernelspec.name, name).toBe("tslab");
      for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
        expect(cell.outputs, name).toEqual([]);
        expect(cell.execution_count ?? null, name).toBeNull();
      }
    }
  });

  for (const name of notebooks) {
    it(`${name} executes without errors`, { timeout: 900_000 }, async () => {
      const executed = await executeNotebook(join(dir, name));
      const outputs = outputsOf(executed);
      expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
      const stderr = outputs.filter((o) => o.output_type === "stream" && o.name === "stderr");
      expect(stderr.map(textOf).join("")).not.toMatch(/Error|error TS/);
      // charts go out as HTML with inline SVG (not image/svg+xml, which exports strip)
      const html = outputs.map((o) => o.data?.["text/html"]).filter((h) => h !== undefined);
      const svgCharts = html
        .map((h) => (Array.isArray(h) ? h.join("") : h!))
        .filter((h) => h.includes("<svg"));
      const expected = EXPECTED[name] ?? {};
      if (expected.charts) expect(svgCharts.length, name).toBeGreaterThan(0);
      if (expected.text) expect(outputs.map(textOf).join("\n"), name).toMatch(expected.text);
      expect(outputs.some((o) => o.data?.["image/svg+xml"] !== undefined)).toBe(false);
    });
  }
});
