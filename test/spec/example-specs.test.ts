import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compilePlan } from "../../runtime/core/compile-plan.js";
import { defaultStageFactories } from "../../runtime/run/default-stages.js";
import {
  formatDiagnostics,
  loadSpec,
  redactSecrets,
  SPEC_KINDS,
  type SpecLoadResult,
} from "../../runtime/spec/index.js";
import { CORPUS_ENVIRON, MALFORMED_DIR } from "./fixture-loader.js";

/**
 * The corpus of example specs in specs/, against the real schemas: every
 * spec validates without warnings, experiments compile to a plan, every
 * declared environment validates too, and normalizing twice gives the same result.
 */
const SPECS_DIR = "specs";
const specFiles = existsSync(SPECS_DIR)
  ? readdirSync(SPECS_DIR)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
  : [];
const SCHEMAS = [...SPEC_KINDS, "features", "regime", "backtest", "report", "register", "defs"];
const missingSchemas = SCHEMAS.filter((k) => !existsSync(join("schemas", `${k}.schema.json`)));

function expectValid(
  result: SpecLoadResult,
): asserts result is Extract<SpecLoadResult, { ok: true }> {
  expect(formatDiagnostics(result.diagnostics)).toBe("");
  expect(result.ok).toBe(true);
}

describe.skipIf(specFiles.length === 0)("example specs in specs/", () => {
  it.each(specFiles)("%s validates, compiles and normalizes idempotently", (name) => {
    const file = join(SPECS_DIR, name);
    const first = loadSpec(file, { environ: process.env });
    expectValid(first);
    if (first.kind === "experiment") {
      expect(() => compilePlan(first.spec, defaultStageFactories())).not.toThrow();
    }
    const copy = { ...(redactSecrets(first.spec) as Record<string, unknown>) };
    if (first.kind === "sweep" && typeof copy.base === "string")
      copy.base = resolve(dirname(file), copy.base);
    const dir = mkdtempSync(join(tmpdir(), "drlwb-example-"));
    const again = join(dir, name);
    writeFileSync(
      again,
      JSON.stringify(first.kind === "experiment" ? copy : { kind: first.kind, ...copy }),
    );
    const second = loadSpec(again, { environ: process.env });
    expectValid(second);
    const normalizedAgain = redactSecrets(second.spec) as Record<string, unknown>;
    if (first.kind === "sweep")
      normalizedAgain.base = (redactSecrets(first.spec) as { base: unknown }).base;
    expect(normalizedAgain).toEqual(redactSecrets(first.spec));
  });

  it.each(specFiles)("%s: every environment it declares validates", (name) => {
    const file = join(SPECS_DIR, name);
    const raw = loadSpec(file, { environ: process.env });
    expectValid(raw);
    for (const env of environmentsOf(file, raw.kind === "experiment")) {
      expectValid(loadSpec(file, { env, environ: process.env }));
    }
  });
});

/** Every malformed file fails with the real schemas too, each error placed at file:line:col. */
describe.skipIf(missingSchemas.length > 0)("malformed corpus against the real schemas", () => {
  const files = readdirSync(MALFORMED_DIR).filter((f) => f.endsWith(".yaml"));
  it.each(files)("%s is rejected with positions", (name) => {
    const result = loadSpec(join(MALFORMED_DIR, name), { environ: CORPUS_ENVIRON });
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    for (const d of errors) {
      expect(d.message, formatDiagnostics([d])).not.toMatch(/^internal error/);
      expect(d.line, formatDiagnostics([d])).toBeTypeOf("number");
    }
  });
});

/** Environments a spec can be run with: its `environments:` keys and (experiments) config/<env>.yaml files. */
function environmentsOf(file: string, withConfigFiles: boolean): string[] {
  const configDir = join(dirname(file), "config");
  const fromConfig =
    withConfigFiles && existsSync(configDir)
      ? readdirSync(configDir)
          .filter((f) => f.endsWith(".yaml"))
          .map((f) => f.slice(0, -5))
      : [];
  const inline = loadInlineEnvironmentNames(file);
  return [...new Set([...fromConfig, ...inline])].sort();
}

function loadInlineEnvironmentNames(file: string): string[] {
  const data = parse(readFileSync(file, "utf8")) as {
    environments?: Record<string, unknown>;
  } | null;
  return data?.environments ? Object.keys(data.environments) : [];
}
