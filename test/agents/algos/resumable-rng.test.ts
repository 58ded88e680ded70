import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ResumableRng } from "../../../runtime/agents/algos/resumable-rng.js";
import { UserError } from "../../../runtime/core/errors.js";
import { createRng, restoreRng } from "../../../runtime/core/rng.js";
import { drawKind, drawsHash } from "../support/rng-draws.js";

interface Recorded {
  count: number;
  first: number[];
  sha256: string;
}
/** Recorded from the draw-counting implementation (replayed every word on restore) before it was replaced. */
const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/resumable-rng-draws.json", import.meta.url), "utf8"),
) as Record<string, Recorded> & { seed: number };
const kinds = ["uint32", "next", "int", "normal", "mixed"] as const;

function expectRecorded(values: number[], recorded: Recorded): void {
  expect(values.length).toBe(recorded.count);
  expect(values.slice(0, 4)).toEqual(recorded.first);
  expect(drawsHash(values)).toBe(recorded.sha256);
}

describe("ResumableRng", () => {
  it.each(kinds)("draws the recorded %s sequence, as the core stream does", (kind) => {
    expectRecorded(drawKind(new ResumableRng(createRng(fixture.seed)), kind), fixture[kind]!);
    expectRecorded(drawKind(createRng(fixture.seed), kind), fixture[kind]!);
  });

  it("resumes from its state words in constant time, with the recorded numbers", () => {
    const a = new ResumableRng(createRng(fixture.seed));
    drawKind(a, "mixed");
    const at = a.position();
    expect(at).toEqual({ seed: fixture.seed, state: expect.any(Array) });
    const resumed = new ResumableRng(createRng(fixture.seed));
    resumed.restore(JSON.parse(JSON.stringify(at)));
    expectRecorded(drawKind(resumed, "mixed"), fixture.afterMixed!);
    expectRecorded(drawKind(a, "mixed"), fixture.afterMixed!);
    // Forks depend on the seed only, as before the restore.
    expect(resumed.fork("x").uint32()).toBe(createRng(fixture.seed).fork("x").uint32());
  });

  it("still reads a checkpoint that saved the number of words drawn", () => {
    const counted = createRng(fixture.seed);
    let draws = 0;
    const counting = {
      uint32: () => {
        draws++;
        return counted.uint32();
      },
      next: () => counting.uint32() / 4294967296,
      int: (n: number) => Math.floor(counting.next() * n),
      normal: () => {
        let u = counting.next();
        while (u === 0) u = counting.next();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * counting.next());
      },
    };
    drawKind(counting, "mixed");
    const old = new ResumableRng(createRng(fixture.seed));
    old.restore({ seed: fixture.seed, draws });
    expectRecorded(drawKind(old, "mixed"), fixture.afterMixed!);
  });

  it("refuses another seed or damaged state words with a UserError", () => {
    const at = new ResumableRng(createRng(77)).position();
    expect(() => new ResumableRng(createRng(1)).restore(at)).toThrow(UserError);
    expect(() => new ResumableRng(createRng(1)).restore(at)).toThrow(/seed 77, this run's has 1/);
    const broken = { seed: 77, state: [0, 0, 0, 0] };
    expect(() => new ResumableRng(createRng(77)).restore(broken)).toThrow(UserError);
  });
});

describe("core rng state words", () => {
  it("restoreRng continues a stream bit-identically", () => {
    const rng = createRng(123);
    for (let i = 0; i < 37; i++) rng.normal();
    const copy = restoreRng(123, rng.state());
    expect(Array.from({ length: 100 }, () => copy.uint32())).toEqual(
      Array.from({ length: 100 }, () => rng.uint32()),
    );
    expect(() => restoreRng(1, [1, 2, 3])).toThrow(RangeError);
    expect(() => restoreRng(1, [1, 2, 3, 2 ** 32])).toThrow(RangeError);
  });
});
