import { createSpecLoader, type SpecLoader } from "../../runtime/spec/index.js";

export const FIXTURES_DIR = "test/fixtures/specs";
export const MALFORMED_DIR = `${FIXTURES_DIR}/malformed`;
export const VALID_DIR = `${FIXTURES_DIR}/valid`;
/** Stand-ins for the domain schemas, so spec-language tests do not change when a domain schema does. */
export const STAND_IN_SCHEMAS = `${FIXTURES_DIR}/schemas`;

/** The environment the corpus is validated with: one variable set, the rest unset. */
export const CORPUS_ENVIRON: Record<string, string | undefined> = { DRLWB_CORPUS_SET: "set" };

/** A loader with the real experiment/defs/sweep schemas and the stand-in domain schemas. */
export function fixtureLoader(): SpecLoader {
  return createSpecLoader([STAND_IN_SCHEMAS, "schemas"]);
}
