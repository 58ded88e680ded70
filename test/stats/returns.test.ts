import { describe, expect, it } from "vitest";
import {
  compoundByBucket,
  dropNaN,
  lastPerBucket,
  logReturns,
  periodReturns,
  simpleReturns,
} from "../../runtime/stats/returns.js";

const DAY = 86_400_000;

describe("returns and resampling", () => {
  it("simple and log returns", () => {
    const r = simpleReturns([100, 110, 99]);
    expect(Number.isNaN(r[0]!)).toBe(true);
    expect(r[1]).toBeCloseTo(0.1, 15);
    expect(r[2]).toBeCloseTo(-0.1, 15);
    expect(Array.from(logReturns([100, 110, 99]))).toEqual([Math.log(1.1), Math.log(0.9)]);
  });
  it("last value per bucket, period returns and compounding within buckets", () => {
    // Three bars in January, two in February 2021.
    const ts = Float64Array.from([4, 10, 29, 33, 40], (d) => Date.UTC(2021, 0, 1) + d * DAY);
    const eq = Float64Array.of(100, 105, 110, 99, 121);
    const last = lastPerBucket(ts, eq, "month");
    expect(Array.from(last.values)).toEqual([110, 121]);
    expect(Array.from(last.timestamps)).toEqual([ts[2], ts[4]]);
    const pr = periodReturns(ts, eq, "month");
    expect(pr.values[1]).toBeCloseTo(0.1, 15);
    const monthly = compoundByBucket({ timestamps: ts, values: simpleReturns(eq) }, "month");
    // January compounds 105/100 and 110/105 (the leading NaN is skipped); February 121/110.
    expect(monthly.values[0]).toBeCloseTo(0.1, 14);
    expect(monthly.values[1]).toBeCloseTo(0.1, 14);
    expect(Array.from(dropNaN({ timestamps: ts, values: simpleReturns(eq) }).timestamps)).toEqual(
      Array.from(ts.subarray(1)),
    );
  });
});
