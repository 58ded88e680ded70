import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), "utf8"));

describe("risk.schema.json", () => {
  const schema = load("risk.schema.json");
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it("accepts its examples and every rule's example", () => {
    for (const example of schema.examples) expect(validate(example)).toBe(true);
    for (const rule of schema.properties.rules.items.oneOf) {
      expect(validate({ rules: rule.examples }), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("rejects unknown rule types and options of another rule", () => {
    expect(validate({ rules: [{ type: "stop_los", stop: 0.1 }] })).toBe(false);
    expect(validate({ rules: [{ type: "vol_target" }] })).toBe(false);
    expect(validate({ rules: [{ type: "vol_target", target: -0.1 }] })).toBe(false);
    expect(validate({ rules: [{ type: "kill_switch", target: 0.1 }] })).toBe(false);
  });
});
