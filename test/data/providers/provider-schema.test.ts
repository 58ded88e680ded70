import { describe, expect, it } from "vitest";
import { isUserError } from "../../../runtime/core/errors.js";
import { envRef, providerSource } from "../../../runtime/data/providers/index.js";
import { createSchemaSet, defaultSchemaDir } from "../../../runtime/spec/schema-set.js";

const validate = createSchemaSet([defaultSchemaDir()]).validator("provider.schema.json");
const schema = createSchemaSet([defaultSchemaDir()]).resources.get("provider.schema.json")!;

function errors(value: unknown): string[] {
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** The user-facing diagnostics (pointer and message) of a provider source written in code. */
function problems(value: unknown): string[] {
  try {
    providerSource(value);
  } catch (error) {
    if (isUserError(error)) return error.diagnostics.map((d) => `${d.path} ${d.message}`);
    throw error;
  }
  return [];
}

const yahoo = {
  source: "yahoo",
  symbols: ["SPY"],
  interval: "1d",
  start: "2015-01-01",
  end: "2019-12-31",
};

describe("provider.schema.json", () => {
  it("accepts its own examples", () => {
    for (const example of schema.examples as unknown[]) expect(errors(example)).toEqual([]);
  });

  it("accepts the configs the provider tests use", () => {
    expect(
      errors({
        ...yahoo,
        base_url: "http://127.0.0.1:9999",
        retries: { max_attempts: 3, base_delay_ms: 100, max_delay_ms: 5000 },
      }),
    ).toEqual([]);
    expect(
      errors({
        ...yahoo,
        source: "polygon",
        api_key: envRef("POLY"),
        page_size: 3,
        adjusted: false,
      }),
    ).toEqual([]);
    expect(
      errors({
        ...yahoo,
        cache: { backend: "redis", url: envRef("REDIS_URL"), ttl: "10m", prefix: "t3:" },
      }),
    ).toEqual([]);
  });

  it("rejects unknown sources, intervals, keys and backends", () => {
    expect(errors({ ...yahoo, source: "yahooo" }).join("\n")).toMatch(
      /\/source must be equal to one of the allowed values/,
    );
    expect(errors({ ...yahoo, interval: "2h" }).join("\n")).toMatch(
      /\/interval must be equal to one of the allowed values/,
    );
    expect(errors({ ...yahoo, symbol: "SPY" }).join("\n")).toMatch(
      /must NOT have unevaluated properties/,
    );
    expect(errors({ ...yahoo, cache: { backend: "memcached" } }).join("\n")).toMatch(
      /\/cache\/backend/,
    );
    expect(errors({ ...yahoo, cache: { backend: "fs", ttl: "soon" } }).join("\n")).toMatch(
      /\/cache\/ttl/,
    );
    expect(errors({ ...yahoo, start: "01/02/2015" }).join("\n")).toMatch(
      /\/start must match pattern/,
    );
  });

  it("requires what each provider needs and nothing another provider reads", () => {
    expect(errors({ ...yahoo, source: "alphavantage" }).join("\n")).toMatch(
      /must have required property 'api_key'/,
    );
    expect(errors({ ...yahoo, source: "http" }).join("\n")).toMatch(
      /must have required property 'url'/,
    );
    // Each provider's branch lists only its own keys: another provider's key is unknown here.
    expect(problems({ ...yahoo, rows: "data" })).toContain('/data/rows unknown key "rows"');
    expect(problems({ ...yahoo, page_size: 10 })).toContain(
      '/data/page_size unknown key "page_size"',
    );
    expect(problems({ ...yahoo, adjusted: true })).toContain(
      '/data/adjusted unknown key "adjusted"',
    );
    expect(
      errors({
        ...yahoo,
        source: "http",
        url: "https://x.example/{symbol}",
        rows: "",
        fields: { timestamp: "t", open: "o", high: "h", low: "l" },
      }).join("\n"),
    ).toMatch(/\/fields must have required property 'close'/);
  });
});
