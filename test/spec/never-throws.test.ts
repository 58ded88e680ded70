// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs spell ${env:NAME} references literally
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { readFileSync } from "node:fs";
import { loadSpec, type SpecLoadResult } from "../../runtime/spec/index.js";
import { fixtureLoader, VALID_DIR } from "./fixture-loader.js";

/**
 * Property: whatever text a spec file holds, loadSpec returns a structured
 * result (ok + spec, or diagnostics with file, path and message) and never
 * throws; every error it reports is a real diagnostic, not an internal error.
 */
const loader = fixtureLoader();
const dir = mkdtempSync(join(tmpdir(), "drlwb-spec-prop-"));
let counter = 0;

function loadText(text: string, env?: string): SpecLoadResult {
  const file = join(dir, `spec-${counter++}.yaml`);
  writeFileSync(file, text);
  return loader.loadSpec(file, { environ: {}, ...(env ? { env } : {}) });
}

function assertStructured(result: SpecLoadResult): void {
  expect(typeof result.ok).toBe("boolean");
  expect(Array.isArray(result.diagnostics)).toBe(true);
  for (const d of result.diagnostics) {
    expect(typeof d.file).toBe("string");
    expect(typeof d.path).toBe("string");
    expect(typeof d.message).toBe("string");
    expect(d.message).not.toMatch(/^internal error/);
    expect(["error", "warning"]).toContain(d.severity);
  }
  if (result.ok) expect(typeof result.spec).toBe("object");
  else expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
}

const KEYS = [
  "name",
  "seed",
  "data",
  "segments",
  "train",
  "valid",
  "test",
  "start",
  "end",
  "strategy",
  "agent",
  "type",
  "features",
  "window",
  "backtest",
  "costs",
  "risk",
  "rules",
  "report",
  "register",
  "model",
  "extends",
  "environments",
  "kind",
  "source",
  "api_key",
  "webhook",
  "hyperparameters",
  "env",
  "<<",
  "__proto__",
  "constructor",
];
const SCALARS = fc.oneof(
  fc.constantFrom(
    "sma_crossover",
    "ppo",
    "rsi",
    "bundled",
    "2010-01-01",
    "2009-12-31",
    "${env:X}",
    "${env:}",
    "./base.yaml",
    "experiment",
    "sweep",
    "data",
    "dev",
    "",
    "~",
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const { value: SPEC_VALUE } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    SCALARS,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 6 }),
  ),
}));

describe("loadSpec never throws", () => {
  it("for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        assertStructured(loadText(text));
      }),
      { numRuns: 100 },
    );
  });

  it("for random YAML documents built from spec vocabulary", () => {
    fc.assert(
      fc.property(SPEC_VALUE, fc.constantFrom(undefined, "dev"), (value, env) => {
        assertStructured(loadText(stringify(value), env));
      }),
      { numRuns: 200 },
    );
  });

  it("for a valid spec with random edits (deleted, inserted or replaced characters)", () => {
    const valid =
      readFileSync(join(VALID_DIR, "base.yaml"), "utf8") + "strategy: { type: sma_crossover }\n";
    const edit = fc.tuple(
      fc.nat({ max: valid.length }),
      fc.nat({ max: 3 }),
      fc.constantFrom(
        "",
        " ",
        "  ",
        ":",
        "-",
        "{",
        "}",
        "[",
        "]",
        "\n",
        "\t",
        "#",
        "&a",
        "*a",
        "'",
        '"',
        "!!",
        "x",
      ),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = valid;
        for (const [at, remove, insert] of edits)
          text = text.slice(0, at) + insert + text.slice(at + remove);
        assertStructured(loadText(text));
      }),
      { numRuns: 200 },
    );
  });

  it("for alias bombs and deep nesting", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(10)
          .fill(`*${"abcdefghij"[i - 1]}`)
          .join(", ")}]`,
      );
    const result = loadText(bomb.join("\n"));
    assertStructured(result);
    expect(result.ok).toBe(false);
    assertStructured(loadText(`${"[".repeat(500)}${"]".repeat(500)}`));
    assertStructured(loadText(`name: ${"{a: ".repeat(300)}1${"}".repeat(300)}`));
  });
});

const QUICKSTART = join("specs", "quickstart.yaml");

describe.skipIf(!existsSync(QUICKSTART))("loadSpec never throws with the real schemas", () => {
  it("for random line edits of specs/quickstart.yaml", () => {
    const lines = readFileSync(QUICKSTART, "utf8").split("\n");
    const edit = fc.tuple(
      fc.nat({ max: lines.length - 1 }),
      fc.constantFrom("drop", "dup", "indent", "dedent", "value", "key"),
      fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom("0", "-1", "1e9", "null", "[]", "{}", "x_y"),
      ),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const out = [...lines];
        for (const [at, kind, text] of edits) {
          const line = out[at] ?? "";
          if (kind === "drop") out.splice(at, 1);
          else if (kind === "dup") out.splice(at, 0, line);
          else if (kind === "indent") out[at] = `  ${line}`;
          else if (kind === "dedent") out[at] = line.replace(/^ {2}/, "");
          else if (kind === "value") out[at] = line.replace(/:\s.*$/, `: ${text}`);
          else out[at] = line.replace(/^(\s*)[a-z_]+:/, `$1${text || "k"}:`);
        }
        const file = join(dir, `real-${counter++}.yaml`);
        writeFileSync(file, out.join("\n"));
        assertStructured(loadSpec(file, { environ: {} }));
      }),
      { numRuns: 150 },
    );
  });
});
