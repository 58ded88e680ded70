// Hostile JSON bodies through the real server on loopback: non-finite numbers
// (`1e309` parses to Infinity) anywhere in a body are refused with 400 naming
// the field; bodies nested deeper than limits.json_max_depth are refused with
// 400 before they are parsed (a 10k-deep riskState overflowed the stack when
// echoed); bodies over http.body_limit_bytes get 413 as JSON; a riskState of
// the wrong shape is a 400; errors never echo unbounded input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ModelServer, startModelServer } from "../support/model-server.js";

let server: ModelServer;
let url = "";
let auth: Record<string, string> = {};

beforeAll(async () => {
  server = await startModelServer({
    prefix: "drlwb-bodies-",
    overrides: {
      http: { rate_limit_per_minute: 1_000_000, body_limit_bytes: 65_536 },
      limits: { json_max_depth: 16 },
    },
    models: [{ name: "plain" }, { name: "risky", maxAbsWeight: 0.5 }],
  });
  ({ url, admin: auth } = server);
}, 120_000);

afterAll(() => server.close());

interface ErrorBody {
  error?: string;
  message?: string;
  details?: { path: string; message: string }[];
  riskState?: unknown;
}

async function post(path: string, raw: string) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: raw,
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    text,
    body: JSON.parse(text) as ErrorBody,
  };
}

describe("non-finite numbers", () => {
  const cases: [string, string, string][] = [
    ["observation", '{"observation":[0,1e309,0,0]}', "/observation/1"],
    ["negative observation", '{"observation":[-1e309,0,0,0]}', "/observation/0"],
    ["batch", '{"observations":[[0,0,0,0],[0,0,0,1e400]]}', "/observations/1/3"],
    ["equity", '{"observation":[0,0,0,0],"portfolio":{"equity":1e309}}', "/portfolio/equity"],
    [
      "peak equity",
      '{"observation":[0,0,0,0],"portfolio":{"equity":1,"peakEquity":-1e309}}',
      "/portfolio/peakEquity",
    ],
    [
      "riskState",
      '{"observation":[0,0,0,0],"riskState":{"rules":[{"peak":1e309}]}}',
      "/riskState/rules/0/peak",
    ],
  ];
  for (const [what, raw, pointer] of cases) {
    it(`${what}: 400 naming ${pointer}`, async () => {
      for (const model of ["plain", "risky"]) {
        const res = await post(`/models/${model}/predict`, raw);
        expect(res.status, res.text).toBe(400);
        expect(res.body.error).toBe("invalid_body");
        expect(res.body.message).toBe(
          `${pointer} must be a finite number (a literal such as 1e309 overflows to infinity)`,
        );
        expect(res.body.details?.[0]?.path).toBe(pointer);
      }
    });
  }

  it("in the alias route's body too", async () => {
    const res = await post("/models/plain/aliases", '{"alias":"champion","version":1e309}');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^\/version must be a finite number/);
  });
});

describe("deep and large bodies", () => {
  it("a 10,000-deep riskState is refused with 400 before it is parsed, and the server stays up", async () => {
    const deep = `{"observation":[0,0,0,0],"riskState":${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}}`;
    for (const model of ["plain", "risky"]) {
      const res = await post(`/models/${model}/predict`, deep);
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        "the request body nests arrays and objects more than 16 levels deep (the server's limits.json_max_depth)",
      );
    }
    const arrays = await post(
      "/models/plain/predict",
      `[${"[".repeat(20_000)}${"]".repeat(20_000)}]`,
    );
    expect(arrays.status).toBe(400);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  it("brackets inside strings do not count as nesting", async () => {
    const res = await post(
      "/models/plain/predict",
      JSON.stringify({ observation: [0, 0, 0, 0], alias: "[[[[[[[[[[[[[[[[[[[[[[[[" }),
    );
    expect(res.status).toBe(400);
    expect(res.body.message).not.toContain("nests");
  });

  it("a body over http.body_limit_bytes gets 413 with a JSON error", async () => {
    const big = JSON.stringify({
      observations: Array.from({ length: 4000 }, () => [0.1, 0.2, 0.3, 0.4]),
    });
    expect(big.length).toBeGreaterThan(65_536);
    const res = await post("/models/plain/predict", big);
    expect(res.status).toBe(413);
    expect(res.type).toContain("application/json");
    expect(res.body).toMatchObject({
      error: "payload_too_large",
      message: "the request body is larger than 64 KiB (the server's http.body_limit_bytes)",
    });
  });

  it("invalid JSON is answered without quoting the body", async () => {
    const res = await post(
      "/models/plain/predict",
      `{"observation": [0, 0, 0, 0], "x": SECRET-${"y".repeat(500)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(
      /^the request body is not valid JSON( \(line 1, column \d+\))?$/,
    );
    expect(res.text).not.toContain("SECRET");
  });
});

describe("riskState passed back by the caller", () => {
  it("round-trips a state the server returned, and refuses one of another shape with 400", async () => {
    const first = await post("/models/risky/predict", '{"observation":[0.01,0.02,-0.03,0.04]}');
    expect(first.status).toBe(200);
    const state = first.body.riskState;
    expect(state).toBeDefined();
    const again = await post(
      "/models/risky/predict",
      JSON.stringify({ observation: [0.01, 0.02, -0.03, 0.04], riskState: state }),
    );
    expect(again.status).toBe(200);
    for (const bad of [
      {},
      { rules: 5 },
      { rules: [] },
      { rules: [1, 2, 3] },
      { rules: "x".repeat(5000) },
    ]) {
      const res = await post(
        "/models/risky/predict",
        JSON.stringify({ observation: [0, 0, 0, 0], riskState: bad }),
      );
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.message).toMatch(/^\/riskState.* does not match this model's risk overlay/);
      expect(res.text.length).toBeLessThan(1000);
    }
  });

  it("a model without a risk overlay ignores a riskState instead of echoing it", async () => {
    const res = await post(
      "/models/plain/predict",
      JSON.stringify({ observation: [0, 0, 0, 0], riskState: { anything: ["x".repeat(1000)] } }),
    );
    expect(res.status).toBe(200);
    expect(res.body.riskState).toBeUndefined();
    expect(res.text).not.toContain("xxxx");
  });
});

describe("errors that quote input are bounded", () => {
  it("a long unknown key and thousands of unknown keys give a short answer", async () => {
    const long = await post(
      "/models/plain/predict",
      JSON.stringify({ observation: [0, 0, 0, 0], ["k".repeat(20_000)]: 1 }),
    );
    expect(long.status).toBe(400);
    expect(long.text.length).toBeLessThan(2000);
    const many = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`key${i}`, i]));
    const wide = await post(
      "/models/plain/predict",
      JSON.stringify({ observation: [0, 0, 0, 0], ...many }),
    );
    expect(wide.status).toBe(400);
    expect(wide.body.details?.length).toBeLessThanOrEqual(20);
    expect(wide.text.length).toBeLessThan(5000);
  });

  it("a kilobytes-long model name in the URL is not echoed whole", async () => {
    const name = "m".repeat(5000);
    const res = await post(`/models/${name}/predict`, '{"observation":[0,0,0,0]}');
    expect([400, 404]).toContain(res.status);
    expect(res.text.length).toBeLessThan(1000);
  });
});
