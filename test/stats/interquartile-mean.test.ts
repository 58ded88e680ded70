import { describe, expect, it } from "vitest";
import { interquartileMean } from "../../runtime/stats/interquartile-mean.js";
import { interquartileMean as fromAgents } from "../../runtime/agents/evaluation/summary-stats.js";

/** References worked out by hand: sort, keep the middle half [n/4, 3n/4), weight the cut values. */
describe("interquartileMean (Agarwal et al. 2021)", () => {
  it("is the mean of the middle half when n is a multiple of 4 (scipy trim_mean(x, 0.25))", () => {
    // sorted 1..8, keep positions 2..5 → 3, 4, 5, 6
    expect(interquartileMean([8, 1, 7, 2, 6, 3, 5, 4])).toBe(4.5);
    // sorted −50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000 → keep 3..8 → mean 5.5: the outliers drop out
    expect(interquartileMean([1000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -50])).toBe(5.5);
  });

  it("weights the straddling values fractionally otherwise", () => {
    // n = 5: [1.25, 3.75) → 0.75·2 + 1·3 + 0.75·4 over 2.5 = 7.5 / 2.5
    expect(interquartileMean([1, 2, 3, 4, 100])).toBeCloseTo(3, 12);
    // n = 6: [1.5, 4.5) → 0.5·20 + 30 + 40 + 0.5·50 over 3 = 105 / 3
    expect(interquartileMean([60, 50, 40, 30, 20, 10])).toBeCloseTo(35, 12);
    // n = 2: [0.5, 1.5) → 0.5·1 + 0.5·3 over 1
    expect(interquartileMean([3, 1])).toBe(2);
    // n = 1: the value itself
    expect(interquartileMean([-0.25])).toBe(-0.25);
  });

  it("takes typed arrays, leaves its input unsorted and is NaN for no values", () => {
    const values = Float64Array.from([0.3, -0.1, 0.2, 0.0]);
    // sorted −0.1, 0, 0.2, 0.3 → keep 0, 0.2
    expect(interquartileMean(values)).toBeCloseTo(0.1, 15);
    expect(Array.from(values)).toEqual([0.3, -0.1, 0.2, 0.0]);
    expect(interquartileMean([])).toBeNaN();
  });

  it("is the one the agents' evaluation uses", () => {
    expect(fromAgents).toBe(interquartileMean);
  });
});
