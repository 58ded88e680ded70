import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFeatureRegistry } from "../../runtime/data/features/feature-registry.js";
import { validateSpecFile } from "../../runtime/spec/index.js";
import { createAjv } from "../../runtime/spec/schema-set.js";

const dir = mkdtempSync(join(tmpdir(), "drlwb-data-schema-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(yaml: string): string[] {
  const file = join(dir, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, yaml);
  return validateSpecFile(file).map((d) => `${d.path} ${d.message}${d.hint ? ` (${d.hint})` : ""}`);
}

describe("data.schema.json and features.schema.json", () => {
  it("accepts the example data spec, file and provider sources", () => {
    expect(validateSpecFile("specs/data-dow30.yaml")).toEqual([]);
    expect(
      problems(
        "kind: data\nsource: file\npath: prices.csv\nsymbol: XYZ\ncolumns: { timestamp: Datum, volume: null }\ndate_format: '%d.%m.%Y'\ntimezone: Europe/Berlin\ninterval: 1w\nalign: { calendar: intersection, fill: ffill, limit: 3 }\nquality: { nan: { repair: ffill }, outliers: { action: warn, threshold: 8 } }\n",
      ),
    ).toEqual([]);
    expect(
      problems(
        "kind: data\nsource: yahoo\nsymbols: [SPY]\nstart: 2020-01-01\nend: 2020-12-31\ninterval: 1m\nquality: { ohlc: warn }\n",
      ),
    ).toEqual([]);
  });

  it("names invalid values with the valid ones", () => {
    const out = problems(
      "kind: data\nsource: bundled\nname: spyy\nquality: { ohlc: { repair: clipp }, nann: warn }\n",
    );
    expect(out.join("\n")).toMatch(/\/name .*did you mean "spy"/);
    expect(out.join("\n")).toMatch(/\/quality\/ohlc\/repair .*clip/);
    expect(out.join("\n")).toMatch(/nann/);
    expect(problems("kind: data\nsource: bundle\nname: spy\n").join("\n")).toMatch(/bundled/);
  });

  it("validates a features list (type enum, positive windows, no unknown keys)", () => {
    const ajv = createAjv();
    const validate = ajv.compile(JSON.parse(readFileSync("schemas/features.schema.json", "utf8")));
    expect(
      validate([
        { type: "log_return" },
        { type: "rsi", window: 14 },
        { type: "macd", fast: 12, slow: 26, signal: 9 },
        { type: "correlation", with: "SPY" },
      ]),
    ).toBe(true);
    expect(validate([{ type: "rsii" }])).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe("/0/type");
    expect(validate([{ type: "sma", window: 0 }])).toBe(false);
    expect(validate([{ type: "sma", widow: 5 }])).toBe(false);
    // every registered feature type is in the schema's enum, and nothing else
    const schema = JSON.parse(readFileSync("schemas/features.schema.json", "utf8"));
    expect([...schema.items.properties.type.enum].sort()).toEqual(createFeatureRegistry().names());
  });
});
