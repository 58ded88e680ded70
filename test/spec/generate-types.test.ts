import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSpecTypes } from "../../runtime/spec/generate-types.js";
import { STAND_IN_SCHEMAS } from "./fixture-loader.js";

describe("generateSpecTypes", () => {
  it("declares one type per schema and $defs entry, deterministically, with secrets typed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-types-"));
    for (const name of readdirSync(STAND_IN_SCHEMAS))
      copyFileSync(join(STAND_IN_SCHEMAS, name), join(dir, name));
    for (const name of ["experiment.schema.json", "defs.schema.json", "sweep.schema.json"]) {
      copyFileSync(join("schemas", name), join(dir, name));
    }
    const first = await generateSpecTypes(dir);
    const second = await generateSpecTypes(dir);
    expect(second).toBe(first);
    expect(first).toContain('import type { SecretString } from "./secret-ref.js";');
    expect(first).toMatch(/export interface ExperimentSpec \{[\s\S]*?\n {2}name: Name;/);
    expect(first).toMatch(/export interface SweepSpec \{/);
    expect(first).toMatch(/export interface Segments \{/);
    expect(first).toMatch(/export type Secret = SecretString;/);
    expect(first).toMatch(/webhook\?: Secret;/);
    expect(first).toMatch(
      /export type StrategySpec = StrategySmaCrossover \| StrategyBuyAndHold \| StrategyMomentum;/,
    );
    expect(first).toMatch(
      /export interface SpecSchemas \{[\s\S]*?\n {2}experiment: ExperimentSpec;/,
    );
  }, 60_000);
});
