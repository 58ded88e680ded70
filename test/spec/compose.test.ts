import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { SpecLoadResult, StrategySpec } from "../../runtime/spec/index.js";
import { createSpecLoader, deepMerge, redactSecrets } from "../../runtime/spec/index.js";
import { fixtureLoader, VALID_DIR } from "./fixture-loader.js";

const ENVIRON = { DRLWB_TEST_WEBHOOK: "https://hooks.example/secret-token" };

function ok(result: SpecLoadResult) {
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => `${d.path} ${d.message}`).join("\n"));
  return result;
}

/** A loaded experiment spec, typed as one (the kind narrowed). */
function experiment(result: SpecLoadResult) {
  const loaded = ok(result);
  if (loaded.kind !== "experiment") throw new Error(`expected an experiment, got ${loaded.kind}`);
  return loaded;
}

describe("deepMerge", () => {
  it("merges mappings key by key and replaces lists and scalars", () => {
    const base = { a: { x: 1, y: [1, 2, 3] }, b: 1, keep: true };
    const over = { a: { y: [9], z: null }, b: { nested: 1 } };
    expect(deepMerge(base, over)).toEqual({
      a: { x: 1, y: [9], z: null },
      b: { nested: 1 },
      keep: true,
    });
    expect(base).toEqual({ a: { x: 1, y: [1, 2, 3] }, b: 1, keep: true });
  });

  it("treats __proto__ as an ordinary key", () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const merged = deepMerge({}, over) as Record<string, unknown>;
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("extends", () => {
  const loader = fixtureLoader();

  it("deep-merges the base: objects merge, lists replace, the spec wins", () => {
    const { spec, files } = experiment(
      loader.loadSpec(join(VALID_DIR, "experiment.yaml"), { environ: ENVIRON }),
    );
    expect(spec.name).toBe("child-experiment");
    expect(spec.seed).toBe(7);
    expect(spec.features).toEqual([{ type: "sma", window: 30 }]);
    expect(spec.backtest).toEqual({
      cash: 50000,
      costs: { commission: 0.001, slippage: 0 },
      fill: "close",
      benchmark: "buy_and_hold",
    });
    expect(files.map((f) => f.split("/").pop())).toEqual(["experiment.yaml", "base.yaml"]);
  });

  it("follows chains of extends", () => {
    const { spec, files, provenance } = experiment(
      loader.loadSpec(join(VALID_DIR, "chain.yaml"), { environ: ENVIRON }),
    );
    expect(spec.name).toBe("chain-experiment");
    expect((spec.backtest as { costs: unknown }).costs).toEqual({
      commission: 0.001,
      slippage: 0.002,
    });
    expect(spec.strategy).toEqual({ type: "sma_crossover", fast: 5, slow: 20 });
    expect(files.map((f) => f.split("/").pop())).toEqual([
      "chain.yaml",
      "experiment.yaml",
      "base.yaml",
    ]);
    expect(provenance["/backtest/costs/slippage"]).toBe("user");
    expect(provenance["/backtest/costs/commission"]).toBe("extends");
    expect(provenance["/strategy/fast"]).toBe("extends");
  });

  it("merges a kind: data spec into the data section", () => {
    const { spec, provenance } = experiment(
      loader.loadSpec(join(VALID_DIR, "with-data-kind.yaml"), { environ: ENVIRON }),
    );
    expect(spec.data).toEqual({
      source: "csv",
      name: "spy",
      path: "./dow.csv",
      symbols: ["AAPL", "MSFT"],
      frequency: "daily",
      quality: { max_missing: 0.05, on_fail: "error" },
    });
    expect(provenance["/data/symbols/0"]).toBe("extends");
    expect(provenance["/data/frequency"]).toBe("user");
    expect(provenance["/data/quality/on_fail"]).toBe("default");
  });

  it("reports a cycle at the extends value that closes it", () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-spec-"));
    writeFileSync(join(dir, "a.yaml"), "extends: ./b.yaml\nname: a\n");
    writeFileSync(join(dir, "b.yaml"), "name: b\nextends:\n  - ./c.yaml\n");
    writeFileSync(join(dir, "c.yaml"), "extends: ./a.yaml\n");
    const result = loader.loadSpec(join(dir, "a.yaml"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        file: join(dir, "c.yaml"),
        line: 1,
        col: 10,
        path: "/extends",
        message: "extends cycle: a.yaml → b.yaml → c.yaml → a.yaml",
        hint: "a spec cannot extend itself, directly or through other files",
        severity: "error",
      },
    ]);
  });
});

describe("environment overlays", () => {
  const loader = fixtureLoader();
  const file = join(VALID_DIR, "experiment.yaml");

  it("applies the spec's own environments.<env>", () => {
    const { spec, provenance } = experiment(
      loader.loadSpec(file, { env: "dev", environ: ENVIRON }),
    );
    expect((spec.strategy as { fast: number }).fast).toBe(3);
    expect((spec.backtest as { costs: unknown }).costs).toEqual({
      commission: 0.001,
      slippage: 0.0005,
    });
    expect(spec.environments).toBeUndefined();
    expect(provenance["/strategy/fast"]).toBe("env");
    expect(provenance["/backtest/costs/slippage"]).toBe("env");
  });

  it("applies config/<env>.yaml next to the spec, then the runtime config folder", () => {
    const plain = experiment(loader.loadSpec(file, { env: "staging", environ: ENVIRON }));
    expect(plain.spec.seed).toBe(99);
    expect((plain.spec.backtest as { cash: number }).cash).toBe(1000);
    expect(plain.files.some((f) => f.endsWith("config/staging.yaml"))).toBe(true);
    const withRuntime = experiment(
      loader.loadSpec(file, {
        env: "staging",
        configDir: join(VALID_DIR, "runtime-config"),
        environ: ENVIRON,
      }),
    );
    expect(withRuntime.spec.seed).toBe(99);
    expect(withRuntime.spec.backtest).toMatchObject({ cash: 2000, fill: "close" });
    expect(withRuntime.provenance["/backtest/cash"]).toBe("env");
  });

  it("rejects an unknown environment, listing the defined ones", () => {
    const result = loader.loadSpec(file, { env: "stagin", environ: ENVIRON });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      {
        file,
        line: 13,
        col: 1,
        path: "/environments",
        message: 'no environment "stagin"; defined: dev, staging',
        hint: 'did you mean "staging"?',
        severity: "error",
      },
    ]);
  });

  it("supports anchors, aliases and merge keys inside overlays", () => {
    const anchors = join(VALID_DIR, "anchors.yaml");
    const staging = experiment(loader.loadSpec(anchors, { env: "staging" }));
    expect(staging.spec.seed).toBe(1);
    expect(staging.spec.features).toEqual([
      { type: "rsi", window: 5 },
      { type: "rsi", window: 5 },
    ]);
    expect((staging.spec.backtest as { cash: number }).cash).toBe(5);
    expect(staging.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [11, "warning", "YAML: unresolved tag: !custom"],
    ]);
  });
});

describe("provenance and normalization", () => {
  const loader = fixtureLoader();

  it("records user, extends and default leaves", () => {
    const { provenance } = ok(
      loader.loadSpec(join(VALID_DIR, "experiment.yaml"), { environ: ENVIRON }),
    );
    expect(provenance).toMatchObject({
      "/name": "user",
      "/seed": "extends",
      "/data/frequency": "default",
      "/strategy/slow": "default",
      "/strategy/fast": "user",
      "/report/html": "default",
      "/report/webhook": "user",
    });
  });

  it("is idempotent: normalizing the written normalized spec gives the same spec", () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-spec-"));
    for (const name of ["experiment.yaml", "chain.yaml", "with-data-kind.yaml", "anchors.yaml"]) {
      const first = ok(loader.loadSpec(join(VALID_DIR, name), { environ: ENVIRON }));
      const again = join(dir, name);
      writeFileSync(again, JSON.stringify(redactSecrets(first.spec)));
      const second = ok(loader.loadSpec(again, { environ: ENVIRON }));
      expect(redactSecrets(second.spec)).toEqual(redactSecrets(first.spec));
      expect(Object.keys(second.provenance).sort()).toEqual(Object.keys(first.provenance).sort());
    }
  });

  it("validates standalone kinds against their own schema", () => {
    const { kind, spec } = ok(loader.loadSpec(join(VALID_DIR, "strategy-momentum.yaml")));
    expect(kind).toBe("strategy");
    expect(spec).toEqual({ type: "momentum", lookback: 20 });
  });

  it("validates a sweep against its base experiment and fills sweep defaults", () => {
    const { kind, spec, files } = ok(
      loader.loadSpec(join(VALID_DIR, "sweep.yaml"), { environ: ENVIRON }),
    );
    expect(kind).toBe("sweep");
    expect(spec).toMatchObject({
      samples: 20,
      seed: 42,
      max_trials: 1000,
      objective: { metric: "sharpe", direction: "maximize", segment: "valid" },
    });
    expect(files.map((f) => f.split("/").pop())).toEqual([
      "sweep.yaml",
      "experiment.yaml",
      "base.yaml",
    ]);
  });
});

describe("schema problems are internal errors, not crashes", () => {
  it("reports a missing kind schema", () => {
    const loader = fixtureLoaderWith([]);
    const result = loader.loadSpec(join(VALID_DIR, "base.yaml"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.message).toMatch(
      /^internal error: no schema experiment\.schema\.json in /,
    );
  });

  it("reports a schema that refers to a missing schema", () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-schemas-"));
    for (const name of ["experiment.schema.json", "defs.schema.json"]) {
      writeFileSync(join(dir, name), readFileSync(join("schemas", name)));
    }
    const loader = fixtureLoaderWith([dir]);
    const result = loader.loadSpec(join(VALID_DIR, "base.yaml"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.message).toBe(
      `internal error: schema experiment.schema.json refers to data.schema.json, which is not in ${dir}`,
    );
  });
});

function fixtureLoaderWith(dirs: string[]) {
  return createSpecLoader(dirs);
}

describe("validating every environment", () => {
  it("reports problems that only appear with an overlay, marked with the environment", () => {
    const loader = fixtureLoader();
    const file = join(VALID_DIR, "bad-environment.yaml");
    expect(loader.loadSpec(file).ok).toBe(true);
    const lines = loader
      .validateSpecFile(file)
      .map((d) => `${d.line}:${d.col} ${d.path} ${d.message}`);
    expect(lines).toEqual([
      '6:17 /strategy/fsat [--env dev] unknown key "fsat"',
      '8:23 /backtest/fill [--env production] "nxt_open" is not a valid value; valid values: "next_open", "close"',
    ]);
  });
});

describe("typed results", () => {
  it("narrowing on kind gives the generated spec type", () => {
    const result = fixtureLoader().loadSpec(join(VALID_DIR, "strategy-momentum.yaml"));
    if (!result.ok || result.kind !== "strategy") throw new Error("expected a strategy spec");
    expectTypeOf(result.spec).toExtend<StrategySpec>();
    expect(result.spec.type).toBe("momentum");
  });
});
