// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs spell ${env:NAME} references literally
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { isUserError } from "../../runtime/core/errors.js";
import {
  isSecretRef,
  redactSecrets,
  resolveSecrets,
  type SecretRef,
  specHash,
} from "../../runtime/spec/index.js";
import { valueAt } from "../../runtime/spec/pointer.js";
import { parseSecretText } from "../../runtime/spec/secret-ref.js";
import { fixtureLoader, VALID_DIR } from "./fixture-loader.js";

const SECRET = "https://hooks.example/T0KEN-do-not-write";
const file = join(VALID_DIR, "experiment.yaml");

describe("${env:NAME} secrets", () => {
  const loader = fixtureLoader();

  it("are parsed at load into SecretRef values, never holding the value", () => {
    const result = loader.loadSpec(file, { environ: { DRLWB_TEST_WEBHOOK: SECRET } });
    if (!result.ok || result.kind !== "experiment") throw new Error("expected a valid spec");
    // The fixture's report section follows a stand-in schema (a `webhook` key), not report.schema.json.
    const webhook = valueAt(result.spec, "/report/webhook");
    expect(isSecretRef(webhook)).toBe(true);
    expect((webhook as SecretRef).names).toEqual(["DRLWB_TEST_WEBHOOK"]);
    expect(JSON.stringify(result.spec)).not.toContain(SECRET);
  });

  it("resolve only on request, for the stage that needs them", () => {
    const result = loader.loadSpec(file, { environ: { DRLWB_TEST_WEBHOOK: SECRET } });
    if (!result.ok || result.kind !== "experiment") throw new Error("expected a valid spec");
    const resolved = resolveSecrets(result.spec.report, { DRLWB_TEST_WEBHOOK: SECRET });
    expect(resolved).toEqual({ webhook: SECRET, html: true, pdf: false });
  });

  it("redact to their reference text, so written specs keep no value", () => {
    const result = loader.loadSpec(file, { environ: { DRLWB_TEST_WEBHOOK: SECRET } });
    if (!result.ok) throw new Error("expected a valid spec");
    const yaml = stringify(redactSecrets(result.spec));
    expect(yaml).toContain("webhook: ${env:DRLWB_TEST_WEBHOOK}");
    expect(yaml).not.toContain(SECRET);
  });

  it("do not change the spec hash when their value changes", () => {
    const a = loader.loadSpec(file, { environ: { DRLWB_TEST_WEBHOOK: "one" } });
    const b = loader.loadSpec(file, { environ: { DRLWB_TEST_WEBHOOK: "two" } });
    if (!a.ok || !b.ok) throw new Error("expected valid specs");
    expect(specHash(a.spec)).toBe(specHash(b.spec));
    expect(specHash(a.spec)).toMatch(/^[0-9a-f]{64}$/);
    expect(specHash({ ...a.spec, seed: 8 })).not.toBe(specHash(a.spec));
  });

  it("throw a UserError naming the variable when it is unset at resolve time", () => {
    const ref = parseSecretText("Bearer ${env:DRLWB_TOKEN}").ref;
    expect(resolveSecrets({ auth: ref }, { DRLWB_TOKEN: "abc" })).toEqual({ auth: "Bearer abc" });
    let caught: unknown;
    try {
      resolveSecrets({ auth: ref }, {});
    } catch (error) {
      caught = error;
    }
    expect(isUserError(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      "environment variable DRLWB_TOKEN is not set, but the run needs it (the spec refers to ${env:DRLWB_TOKEN})",
    );
  });

  it("parse text with several references and literal parts", () => {
    const { ref, bad } = parseSecretText("${env:USER_A}:${env:PASS_B}@host ${env:bad-name}");
    expect(bad).toEqual(["${env:bad-name}"]);
    expect(ref.names).toEqual(["USER_A", "PASS_B"]);
    expect(ref.text).toBe("${env:USER_A}:${env:PASS_B}@host ${env:bad-name}");
  });

  it("cannot be forged by YAML data", () => {
    expect(isSecretRef({ parts: [{ env: "HOME" }] })).toBe(false);
    expect(redactSecrets({ parts: [{ env: "HOME" }] })).toEqual({ parts: [{ env: "HOME" }] });
  });
});
