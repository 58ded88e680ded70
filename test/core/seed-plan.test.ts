import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import { createSeedPlan, type SeedPathPart } from "../../runtime/core/seed-plan.js";

const draws = (next: () => number, n = 4): number[] => Array.from({ length: n }, next);

describe("SeedPlan", () => {
  it("derives the same seed in every process: a fixed value from the documented hash chain", () => {
    // Computed once, outside this code base (a 10-line Python transcription of
    // the derivation), so any change to the derivation fails here:
    //   FNV-1a("agent") = 0x4fe7f1a6, FNV-1a("0") = 0x350ca8af,
    //   FNV-1a("env")   = 0x788e8bb4, FNV-1a("1") = 0x340ca71c
    //   s0 = 42
    //   s1 = 0x4fe7f1a6 ^ (s0 × 0x9e3779b1 mod 2^32) = 3137210028   ("agent")
    //   s2 = 0x350ca8af ^ (s1 × 0x9e3779b1 mod 2^32) = 3299950659   (0)
    //   s3 = 0x788e8bb4 ^ (s2 × 0x9e3779b1 mod 2^32) = 2531037927   ("env")
    //   s4 = 0x340ca71c ^ (s3 × 0x9e3779b1 mod 2^32) = 2241685419   (1)
    const plan = createSeedPlan(42);
    expect(plan.fork("agent").seed).toBe(3137210028);
    expect(plan.fork("agent", 0).seed).toBe(3299950659);
    expect(plan.fork("agent", 0, "env").seed).toBe(2531037927);
    expect(plan.fork("agent", 0, "env", 1).seed).toBe(2241685419);
    // A stage's plan in a run seeded 7: 0xbd7bba09 ^ (7 × 0x9e3779b1 mod 2^32) = 4009748958.
    expect(createSeedPlan(7).fork("signal").seed).toBe(4009748958);
  });

  it("is the root seed at the root, and a path's fork is its prefix's fork", () => {
    const plan = createSeedPlan(42);
    expect(plan.seed).toBe(42);
    expect(plan.path).toEqual([]);
    const direct = plan.fork("agent", 0, "env", 1);
    const stepwise = plan.fork("agent").fork(0).fork("env", 1);
    expect(stepwise.seed).toBe(direct.seed);
    expect(stepwise.path).toEqual(["agent", 0, "env", 1]);
    expect(direct.path).toEqual(["agent", 0, "env", 1]);
  });

  it("keeps the stage streams runs have always used: fork(kind).rng() is createRng(seed).fork(kind)", () => {
    for (const kind of ["data", "regime", "signal"]) {
      const old = createRng(42).fork(kind);
      const now = createSeedPlan(42).fork(kind).rng();
      expect(draws(() => now.uint32())).toEqual(draws(() => old.uint32()));
    }
  });

  it("gives distinct seeds for distinct paths", () => {
    const plan = createSeedPlan(42);
    const paths: SeedPathPart[][] = [[]];
    for (const stage of ["data", "regime", "signal"]) {
      paths.push([stage]);
      for (let k = 0; k < 20; k++) {
        paths.push([stage, "agent", k]);
        for (const name of ["algorithm", "sampling", "validation", "policy"])
          paths.push([stage, "agent", k, name]);
        for (let i = 0; i < 20; i++) paths.push([stage, "agent", k, "env", i]);
        for (const segment of ["train", "valid", "test"])
          for (let e = 0; e < 10; e++)
            paths.push([stage, "agent", k, "evaluation", segment, "episode", e]);
      }
    }
    // Indices that would concatenate alike (["signal", "agent", 12] is above).
    paths.push(["signal", "agent", 1, 2], ["signal", "agent", 2, 1], ["signal", "agent", 21]);
    paths.push(["signal", "window", 0, "ppo"], ["signal", "window", 0, "a2c"]);
    const seeds = paths.map((p) =>
      p.length === 0 ? plan.seed : plan.fork(p[0]!, ...p.slice(1)).seed,
    );
    expect(new Set(seeds).size).toBe(paths.length);
    // Other run seeds give other seeds for the same path.
    expect(createSeedPlan(43).fork("signal", "agent", 0).seed).not.toBe(
      plan.fork("signal", "agent", 0).seed,
    );
  });

  it("does not depend on the order forks are taken in or on streams drawn before", () => {
    const paths: [string, ...SeedPathPart[]][] = [
      ["signal", "agent", 0, "env", 0],
      ["signal", "agent", 0, "env", 1],
      ["signal", "agent", 1, "sampling"],
      ["regime"],
      ["signal", "ensemble", "window", 3, "ppo"],
    ];
    const inOrder = createSeedPlan(42);
    const first = paths.map((p) => inOrder.fork(...p).seed);
    const shuffled = createSeedPlan(42);
    const noise = shuffled.fork("signal").rng();
    const second: number[] = [];
    for (let j = paths.length - 1; j >= 0; j--) {
      noise.next();
      shuffled.fork("signal", "agent", j).rng().next();
      second[j] = shuffled.fork(...paths[j]!).seed;
    }
    expect(second).toEqual(first);
    // rng() starts afresh every call.
    const plan = createSeedPlan(42).fork("signal", "agent", 0, "sampling");
    const a = plan.rng();
    a.next();
    expect(draws(() => plan.rng().next())).toEqual(draws(() => createRng(plan.seed).next()));
  });

  it("refuses paths it could not tell apart and seeds that are not unsigned 32-bit integers", () => {
    const plan = createSeedPlan(1);
    for (const name of ["", "0", "1env", "a b", "a/b"]) {
      expect(() => plan.fork(name), name).toThrow(RangeError);
    }
    for (const index of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => plan.fork("env", index), String(index)).toThrow(RangeError);
    }
    for (const seed of [-1, 2 ** 32, 0.5, Number.NaN]) {
      expect(() => createSeedPlan(seed), String(seed)).toThrow(RangeError);
    }
    expect(createSeedPlan(2 ** 32 - 1).seed).toBe(2 ** 32 - 1);
  });
});
