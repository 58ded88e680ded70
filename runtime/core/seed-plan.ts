/**
 * Seeds by name. A run has one seed; every other seed of the run is named by
 * its path from the run: `seeds.fork("signal", "agent", 0, "env", 1)` is the
 * seed of training env copy 1 of agent seed 0 in the signal stage. Nothing
 * adds offsets to seeds (`seed + 1`, `seed + 7919 * w`): two paths that differ
 * anywhere give unrelated seeds, and adding a fork somewhere never moves the
 * seeds of the others.
 *
 * Derivation: each step of the path hashes into the seed before it exactly as
 * `Rng.fork` does (core/rng.ts `forkSeed`): s' = FNV-1a(label) XOR
 * (s × 0x9e3779b1) mod 2^32, where a name's label is the name and an index's
 * label its decimal digits (names start with a letter, so the two never
 * collide). So a seed depends only on the run seed and the path — not on
 * which forks were taken before, in what order, or in which process — and
 * `fork("a").fork(1)` is `fork("a", 1)`. The stage stream a run has always
 * used, `createRng(runSeed).fork(kind)`, is `plan.fork(kind).rng()`.
 * Seeds are 32 bits: two distinct paths share a seed with probability 2^-32.
 */
import { createRng, forkSeed, type Rng } from "./rng.js";

/** One step of a seed path: a name (`"agent"`, `"env"`) or an index (`k`, `i`). */
export type SeedPathPart = string | number;

/** A point of the run's seed tree: its path, its seed, and its named children. */
export interface SeedPlan {
  /** The names and indices from the run's plan to this one (empty for the run's own plan). */
  readonly path: readonly SeedPathPart[];
  /** This point's seed, an unsigned 32-bit integer (the run seed for the run's own plan). */
  readonly seed: number;
  /** The plan at `parts` below this one: `fork("agent", k, "env", i)`. */
  fork(first: SeedPathPart, ...rest: readonly SeedPathPart[]): SeedPlan;
  /** A fresh random stream built from this seed (the same numbers on every call). */
  rng(): Rng;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** The label a path part hashes as: the name itself, or an index's decimal digits. */
function label(part: SeedPathPart): string {
  if (typeof part === "number") {
    if (!Number.isSafeInteger(part) || part < 0)
      throw new RangeError(`a seed path index is a non-negative integer, got ${part}`);
    return String(part);
  }
  if (!NAME.test(part))
    throw new RangeError(
      `a seed path name starts with a letter (letters, digits, _ and -): "${part}"`,
    );
  return part;
}

function planAt(path: readonly SeedPathPart[], seed: number): SeedPlan {
  return {
    path,
    seed,
    fork(first, ...rest) {
      const parts = [first, ...rest];
      const child = parts.reduce<number>((s, part) => forkSeed(s, label(part)), seed);
      return planAt(Object.freeze([...path, ...parts]), child);
    },
    rng: () => createRng(seed),
  };
}

/** The seed plan of a run seeded `runSeed` (an unsigned 32-bit integer, as the spec's `seed`). */
export function createSeedPlan(runSeed: number): SeedPlan {
  if (!Number.isInteger(runSeed) || runSeed < 0 || runSeed > 0xffffffff)
    throw new RangeError(`a run seed is an unsigned 32-bit integer, got ${runSeed}`);
  return planAt(Object.freeze([]), runSeed);
}
