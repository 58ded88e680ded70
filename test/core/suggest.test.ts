import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../runtime/core/suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
    expect(editDistance("kitten", "sitting")).toBe(3); // the textbook Levenshtein example
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("tpye", "type")).toBe(1);
    expect(editDistance("crat", "cart")).toBe(1);
    expect(editDistance("ca", "abc")).toBe(3); // optimal string alignment, not full Damerau
  });
});

describe("didYouMean", () => {
  it("suggests the closest candidate within a third of the word's length", () => {
    expect(didYouMean("fats", ["fast", "slow"])).toBe("fast");
    expect(didYouMean("tpye", ["type", "name"])).toBe("type");
    expect(didYouMean("commision", ["commission", "spread"])).toBe("commission");
    expect(didYouMean("zzz", ["fast", "slow"])).toBeUndefined();
  });
});
