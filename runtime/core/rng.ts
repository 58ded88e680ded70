/**
 * Seeded random streams. A run owns one root seed; every stage derives its own
 * independent stream by name (`rng.fork("train")`), so adding randomness to one
 * stage never shifts the numbers another stage sees. No global state.
 *
 * Generator: xoshiro128** seeded through splitmix32 (both public-domain
 * algorithms by Blackman & Vigna), 32-bit state words, period 2^128 - 1.
 */
export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal variate (Box–Muller, no caching so streams stay simple). */
  normal(): number;
  /** Raw 32-bit unsigned integer. */
  uint32(): number;
  /** An independent child stream identified by `name`. */
  fork(name: string): Rng;
  /** The seed this stream was built from (for the run folder). */
  readonly seed: number;
  /**
   * The generator's four 32-bit state words (a copy). `restoreRng(seed, words)`
   * continues the stream from here; there is no other hidden state (`normal`
   * caches nothing).
   */
  state(): readonly number[];
}

/** FNV-1a 32-bit hash of a string, used to derive stream seeds from names. */
export function hashString32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The seed of the child stream `name` of a stream built from `seed`: the
 * FNV-1a hash of the name XOR the seed times the 32-bit golden ratio. `fork`
 * and the seed plan (seed-plan.ts) both derive seeds this way.
 */
export function forkSeed(seed: number, name: string): number {
  return (hashString32(name) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  const s = new Uint32Array([init(), init(), init(), init()]);
  if ((s[0]! | s[1]! | s[2]! | s[3]!) === 0) s[0] = 1;
  return streamFrom(seed, s);
}

/**
 * The stream built from `seed` continued from `words` (what its `state()`
 * returned): the same numbers it would have drawn next, in constant time.
 * Its forks are those of `createRng(seed)`.
 */
export function restoreRng(seed: number, words: readonly number[]): Rng {
  const valid =
    words.length === 4 &&
    words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffffffff) &&
    words.some((w) => w !== 0);
  if (!valid)
    throw new RangeError(`not an rng state (4 uint32 words, not all 0): ${String(words)}`);
  return streamFrom(seed, Uint32Array.from(words));
}

function streamFrom(seed: number, s: Uint32Array): Rng {
  const uint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const next = (): number => uint32() / 4294967296;
  return {
    seed,
    uint32,
    next,
    int: (n) => Math.floor(next() * n),
    normal: () => {
      let u = next();
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    fork: (name) => createRng(forkSeed(seed, name)),
    state: () => Array.from(s),
  };
}
