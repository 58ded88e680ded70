import { didYouMean } from "../core/suggest.js";

/**
 * The candidate the user probably meant: the closest by edit distance
 * (runtime/core/suggest.ts), or else one that differs by a single swap of
 * adjacent letters (`wran` → `warn`), a common typo edit distance counts twice.
 */
export function suggestName(input: string, candidates: readonly string[]): string | undefined {
  const close = didYouMean(input, candidates);
  if (close !== undefined) return close;
  const needle = input.toLowerCase();
  return candidates.find((candidate) => isOneSwap(needle, candidate.toLowerCase()));
}

function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 2) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  if (diff.length !== 2) return false;
  const [i, j] = diff as [number, number];
  return j === i + 1 && a[i] === b[j] && a[j] === b[i];
}
