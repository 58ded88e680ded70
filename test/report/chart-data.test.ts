import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../runtime/core/rng.js";
import {
  correlationNetwork,
  decimateIndexes,
  histogramBins,
  regimeSpans,
} from "../../runtime/report/charts/index.js";
import { formatDate, formatValue, signClass } from "../../runtime/report/format.js";

describe("decimateIndexes", () => {
  it("passes short series through", () => {
    expect(decimateIndexes([3, 1, 2], 10)).toEqual([0, 1, 2]);
  });

  it("keeps the first, last, global minimum and maximum, increasing, within budget", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
          minLength: 50,
          maxLength: 3000,
        }),
        fc.integer({ min: 12, max: 400 }),
        (values, max) => {
          const idx = decimateIndexes(values, max);
          expect(idx[0]).toBe(0);
          expect(idx[idx.length - 1]).toBe(values.length - 1);
          for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
          if (values.length > max) expect(idx.length).toBeLessThanOrEqual(max + 1);
          const kept = idx.map((i) => values[i]!);
          expect(Math.min(...kept)).toBe(Math.min(...values));
          expect(Math.max(...kept)).toBe(Math.max(...values));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("histogramBins", () => {
  it("matches a direct count over the same edges and shares sum to 1", () => {
    const rng = createRng(3);
    const a = Array.from({ length: 1000 }, () => rng.normal() * 0.01);
    const b = Array.from({ length: 400 }, () => rng.normal() * 0.02);
    const bins = histogramBins(
      [
        { name: "a", values: a },
        { name: "b", values: [...b, Number.NaN] },
      ],
      20,
    );
    const lo = Math.min(...a, ...b);
    const hi = Math.max(...a, ...b);
    const width = (hi - lo) / 20;
    for (const [name, values] of [
      ["a", a],
      ["b", b],
    ] as const) {
      const mine = bins.filter((x) => x.series === name);
      expect(mine).toHaveLength(20);
      expect(mine.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 12);
      mine.forEach((bin, k) => {
        const edgeLo = lo + k * width;
        const edgeHi = lo + (k + 1) * width;
        const direct = values.filter(
          (v) => v >= edgeLo && (k === 19 ? v <= hi : v < edgeHi),
        ).length;
        expect(bin.share * values.length).toBeCloseTo(direct, 9);
      });
    }
  });
});

describe("regimeSpans", () => {
  it("merges runs of equal labels and skips unknown (-1) bars", () => {
    const spans = regimeSpans({
      price: { times: [0, 1, 2, 3, 4, 5, 6], values: [1, 1, 1, 1, 1, 1, 1] },
      labels: [-1, 0, 0, 1, 1, 1, 0],
      names: ["bull", "bear"],
    });
    expect(spans).toEqual([
      { start: 1, end: 3, regime: "bull" },
      { start: 3, end: 6, regime: "bear" },
      { start: 6, end: 6, regime: "bull" },
    ]);
  });
});

describe("correlationNetwork", () => {
  it("draws exactly the pairs with |rho| at or above the threshold", () => {
    const matrix = [
      [1, 0.8, -0.5, 0.1],
      [0.8, 1, 0.29, 0.3],
      [-0.5, 0.29, 1, -0.05],
      [0.1, 0.3, -0.05, 1],
    ];
    const { nodes, edges } = correlationNetwork({
      symbols: ["A", "B", "C", "D"],
      matrix,
      threshold: 0.3,
    });
    expect(nodes).toHaveLength(4);
    for (const n of nodes) expect(Math.hypot(n.x, n.y)).toBeCloseTo(1, 12);
    expect(edges.map((e) => e.rho).sort()).toEqual([-0.5, 0.3, 0.8]);
    expect(edges.find((e) => e.rho === -0.5)?.sign).toBe("negative");
  });
});

describe("format", () => {
  it("formats each value kind and shows missing values as a dash", () => {
    expect(formatValue(0.12345, "percent")).toBe("12.35%");
    expect(formatValue(1.234, "ratio")).toBe("1.23");
    expect(formatValue(12345.678, "currency")).toBe("12,345.68");
    expect(formatValue(42, "count")).toBe("42");
    expect(formatValue(17, "days")).toBe("17 d");
    expect(formatValue(Date.UTC(2017, 11, 29), "date")).toBe("2017-12-29");
    expect(formatValue(null, "percent")).toBe("—");
    expect(formatValue(Number.NaN, "ratio")).toBe("—");
    expect(formatValue(Number.POSITIVE_INFINITY, "ratio")).toBe("—");
    expect(formatDate(Number.NaN)).toBe("—");
    expect([signClass(1), signClass(-1), signClass(0), signClass(null)]).toEqual([
      "pos",
      "neg",
      "",
      "",
    ]);
  });
});
