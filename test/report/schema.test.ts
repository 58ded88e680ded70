import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS } from "../../runtime/report/section-names.js";

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;

const reportSchema = load("report.schema.json");
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(load("defs.schema.json"));
const validate = ajv.compile(reportSchema);

describe("report.schema.json", () => {
  it("accepts its own examples and an empty section", () => {
    for (const example of reportSchema.examples as unknown[]) expect(validate(example)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it("lists exactly the sections the renderer knows", () => {
    const props = reportSchema.properties as Record<string, { items: { enum: string[] } }>;
    expect(props.sections!.items.enum).toEqual([...REPORT_SECTIONS]);
  });

  it("rejects unknown keys, bad directions, and KPIs with both or neither of metric/expr", () => {
    expect(validate({ htlm: true })).toBe(false);
    expect(
      validate({ kpis: [{ name: "a", metric: "cagr", threshold: 0, direction: "sideways" }] }),
    ).toBe(false);
    expect(
      validate({
        kpis: [{ name: "a", metric: "cagr", expr: "cagr", threshold: 0, direction: "below" }],
      }),
    ).toBe(false);
    expect(validate({ kpis: [{ name: "a", threshold: 0, direction: "below" }] })).toBe(false);
    expect(validate({ sections: ["equity", "nope"] })).toBe(false);
    expect(validate({ notifications: { email: { host: "h", from: "a@b.c" } } })).toBe(false);
  });
});
