/**
 * Synthetic futures expiries: the third Friday (00:00 UTC) of each month of a
 * quarterly (Mar/Jun/Sep/Dec) or monthly cycle, named with the exchange month
 * codes (`ES.H24` expires in March 2024). The calendar is known in advance,
 * so generating it over the data's dates looks at no prices.
 */
import type { FuturesContract } from "./futures-account.js";
import type { ExpiryCycle, ExpiryDay } from "./instrument-section.js";

const MS_PER_DAY = 86_400_000;
/** CME month codes, January to December. */
const MONTH_CODES = "FGHJKMNQUVXZ";

/** The third Friday of `month` (0-based) of `year`, epoch ms at 00:00 UTC. */
export function thirdFriday(year: number, month: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const firstFriday = 1 + ((5 - firstWeekday + 7) % 7);
  return Date.UTC(year, month, firstFriday + 14);
}

/** Whether `month` (0-based) is an expiry month of the cycle. */
function inCycle(cycle: ExpiryCycle, month: number): boolean {
  return cycle === "monthly" || month % 3 === 2;
}

/** Contract name: root, a dot, the month code and the two-digit year (`SPY.Z23`). */
export function contractName(root: string, expiry: number): string {
  const date = new Date(expiry);
  const year = String(date.getUTCFullYear() % 100).padStart(2, "0");
  return `${root}.${MONTH_CODES[date.getUTCMonth()]}${year}`;
}

/**
 * Expiry times of the cycle, ascending: from the first expiry whose roll date
 * (expiry − `leadDays`) is after `from` up to and including the first one
 * whose roll date is after `to`, so every time in [from, to] has a contract
 * to hold.
 */
export function expiryDates(
  cycle: ExpiryCycle,
  day: ExpiryDay,
  from: number,
  to: number,
  leadDays = 0,
): number[] {
  const lead = leadDays * MS_PER_DAY;
  const start = new Date(from);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth();
  const out: number[] = [];
  // Walk month by month; at most a few hundred iterations for decades of data.
  for (;;) {
    if (inCycle(cycle, month)) {
      const expiry = expiryOf(day, year, month);
      if (expiry - lead > from) {
        out.push(expiry);
        if (expiry - lead > to) return out;
      }
    }
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
}

function expiryOf(day: ExpiryDay, year: number, month: number): number {
  switch (day) {
    case "third_friday":
      return thirdFriday(year, month);
  }
}

/** The synthetic contracts of a cycle over [from, to], with the given contract terms. */
export function syntheticContracts(
  root: string,
  terms: Pick<FuturesContract, "multiplier" | "initialMargin" | "maintenanceMargin">,
  calendar: { cycle: ExpiryCycle; day: ExpiryDay; leadDays: number },
  from: number,
  to: number,
): FuturesContract[] {
  return expiryDates(calendar.cycle, calendar.day, from, to, calendar.leadDays).map((expiry) => ({
    symbol: contractName(root, expiry),
    ...terms,
    expiry,
  }));
}
