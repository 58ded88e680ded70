import { describe, expect, it } from "vitest";
import { createRng, hashString32 } from "../../runtime/core/rng.js";

describe("createRng", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it("forks independent named streams that do not depend on parent use", () => {
    const parent = createRng(7);
    const first = parent.fork("train").next();
    parent.next();
    expect(parent.fork("train").next()).toBe(first);
    expect(parent.fork("data").next()).not.toBe(first);
  });

  it("has uniform mean and variance within sampling tolerance", () => {
    const rng = createRng(1);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sq += x * x;
    }
    const mean = sum / n;
    // mean 1/2, variance 1/12; 5 standard errors
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("draws standard normals with mean 0 and variance 1", () => {
    const rng = createRng(3);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });

  it("hashes strings with FNV-1a (published test vector)", () => {
    expect(hashString32("a")).toBe(0xe40c292c);
    expect(hashString32("foobar")).toBe(0xbf9cf968);
  });
});
