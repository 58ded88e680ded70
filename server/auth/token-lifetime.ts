/** Seconds per unit of a lifetime such as `12h`, `30d`, `2w`, `1y` (365 days). */
const UNIT_SECONDS = new Map<string, number>([
  ["s", 1],
  ["m", 60],
  ["h", 3600],
  ["d", 86_400],
  ["w", 604_800],
  ["y", 31_536_000],
]);

/**
 * A token lifetime in seconds from `<positive integer><s|m|h|d|w|y>`;
 * undefined for anything else — zero, negative, fractional, relative ("ago")
 * or absurdly long spans are not lifetimes.
 */
export function parseLifetime(span: string): number | undefined {
  const match = /^\s*(\d{1,6})\s*([smhdwy])\s*$/.exec(span);
  if (!match) return undefined;
  const seconds = Number(match[1]) * (UNIT_SECONDS.get(match[2]!) ?? Number.NaN);
  return Number.isSafeInteger(seconds) && seconds > 0 ? seconds : undefined;
}

/** A lifetime for people: the largest whole unit ("90d", "12h", "45s"). */
export function formatLifetime(seconds: number): string {
  for (const [unit, size] of [...UNIT_SECONDS].reverse()) {
    if (unit !== "y" && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
