/**
 * Every YAML example in README.md and docs/*.md is checked the way a user
 * would check it (issue 15: the README's "Writing specs" example did not
 * validate). A ```yaml block is one of:
 * - a server configuration: its first line is a `# server.yaml` comment;
 *   checked against schemas/server.schema.json;
 * - a spec: any other block; written as a file of a copy of specs/ (examples
 *   may `extends:` the example specs there) and validated with
 *   `drlwb validate`, every environment overlay included;
 * - a fragment: marked in the fence's info string (```yaml fragment), for an
 *   annotated outline that is not meant to be copied as is.
 * A block that is neither marked nor valid fails, naming its file and line.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError, formatDiagnostic } from "../../runtime/core/errors.js";
import { validateServerConfig } from "../../server/config/load-config.js";
import { runCli } from "../support/cli.js";

interface Block {
  readonly doc: string;
  /** 1-based line of the block's first line in its document. */
  readonly line: number;
  readonly info: readonly string[];
  readonly text: string;
}

const FENCE = /^```yaml([^\n]*)\n([\s\S]*?)^```\s*$/gm;

function yamlBlocks(doc: string): Block[] {
  const source = readFileSync(doc, "utf8");
  return [...source.matchAll(FENCE)].map((m) => ({
    doc,
    line: source.slice(0, m.index).split("\n").length + 1,
    info: (m[1] ?? "").trim().split(/\s+/).filter(Boolean),
    text: m[2] ?? "",
  }));
}

const documents = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];
const blocks = documents.flatMap(yamlBlocks);
const isFragment = (b: Block): boolean => b.info.includes("fragment");
const isServerConfig = (b: Block): boolean => /^#\s*server\.yaml\b/.test(b.text.trimStart());
const where = (b: Block): string => `${b.doc}:${b.line}`;

const specsCopy = mkdtempSync(join(tmpdir(), "drlwb-doc-specs-"));
cpSync("specs", specsCopy, { recursive: true });
afterAll(() => rmSync(specsCopy, { recursive: true, force: true }));

describe("YAML examples in the documentation", () => {
  it("finds the README's spec example and marks fragments explicitly", () => {
    const readmeSpecs = blocks.filter(
      (b) => b.doc === "README.md" && !isFragment(b) && !isServerConfig(b),
    );
    expect(readmeSpecs.length).toBeGreaterThanOrEqual(1);
    expect(readmeSpecs.some((b) => /^name:/m.test(b.text))).toBe(true);
  });

  const specBlocks = blocks.filter((b) => !isFragment(b) && !isServerConfig(b));
  it.each(specBlocks.map((b) => [where(b), b] as const))(
    "%s validates as a spec in specs/",
    async (_where, block) => {
      const file = join(specsCopy, `doc-example-${block.line}.yaml`);
      writeFileSync(file, block.text);
      const result = await runCli(["validate", file]);
      expect(result.stderr, where(block)).toBe("");
      expect(result.code, where(block)).toBe(0);
    },
  );

  const configBlocks = blocks.filter((b) => !isFragment(b) && isServerConfig(b));
  it.each(configBlocks.map((b) => [where(b), b] as const))(
    "%s is a valid server configuration",
    (_where, block) => {
      try {
        validateServerConfig(parse(block.text), where(block));
      } catch (error) {
        if (!isUserError(error)) throw error;
        expect.fail([error.message, ...error.diagnostics.map(formatDiagnostic)].join("\n"));
      }
    },
  );
});
