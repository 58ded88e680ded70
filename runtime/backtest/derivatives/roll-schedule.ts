/**
 * Rolling futures positions from the expiring contract into the next one.
 * A roll schedule lists the contracts in expiry order and how many days
 * before expiry to roll; `heldContractAt` names the contract to hold at a
 * time, `rollFutures` moves a position across at the two contracts' prices,
 * and `continuousPrices` builds a back-adjusted continuous series.
 */
import { statsMessages } from "../../messages/stats.js";
import { type FuturesAccount, type FuturesContract, tradeFutures } from "./futures-account.js";

const MS_PER_DAY = 86_400_000;

export interface RollSchedule {
  /** Contracts in ascending expiry order. */
  readonly contracts: readonly FuturesContract[];
  /** Roll this many calendar days before the held contract's expiry. Default 0 (roll on expiry day). */
  readonly rollDaysBeforeExpiry?: number;
}

/** The contract to hold at `time`: the first whose roll date is after `time`. */
export function heldContractAt(schedule: RollSchedule, time: number): FuturesContract {
  const lead = (schedule.rollDaysBeforeExpiry ?? 0) * MS_PER_DAY;
  const held = schedule.contracts.find((c) => time < c.expiry - lead);
  if (!held)
    throw new RangeError(
      statsMessages.noContractForDate(new Date(time).toISOString().slice(0, 10)),
    );
  return held;
}

export interface RollResult {
  readonly account: FuturesAccount;
  /** Whether a roll happened. */
  readonly rolled: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly contracts: number;
}

/**
 * If `time` is at or past the roll date of a held contract, closes that
 * position at `prices[from]` and opens the same signed number of contracts
 * of the next contract at `prices[to]`. Returns `rolled: false` when nothing
 * is due or the new position's initial margin is not covered.
 */
export function rollFutures(
  account: FuturesAccount,
  schedule: RollSchedule,
  time: number,
  prices: Readonly<Record<string, number>>,
  feePerContract = 0,
): RollResult {
  const target = heldContractAt(schedule, time);
  const stale = account.positions.find(
    (p) =>
      p.contract.symbol !== target.symbol &&
      schedule.contracts.some((c) => c.symbol === p.contract.symbol),
  );
  if (!stale) return { account, rolled: false, contracts: 0 };
  const fromPrice = prices[stale.contract.symbol];
  const toPrice = prices[target.symbol];
  if (fromPrice === undefined || toPrice === undefined)
    return { account, rolled: false, contracts: 0 };
  const n = stale.contracts;
  const fee = Math.abs(n) * feePerContract;
  const closed = tradeFutures(account, stale.contract, -n, fromPrice, fee);
  const opened = closed && tradeFutures(closed, target, n, toPrice, fee);
  if (!opened) return { account, rolled: false, contracts: 0 };
  return {
    account: opened,
    rolled: true,
    from: stale.contract.symbol,
    to: target.symbol,
    contracts: n,
  };
}

/**
 * A back-adjusted continuous price series: at each time the held contract's
 * price, shifted by the sum of the later roll gaps (next − held at each roll
 * time), so that returns across rolls reflect price moves only.
 * `prices[symbol][t]` are aligned with `timestamps`.
 */
export function continuousPrices(
  schedule: RollSchedule,
  timestamps: ArrayLike<number>,
  prices: Readonly<Record<string, ArrayLike<number>>>,
): Float64Array {
  const n = timestamps.length;
  const held = Array.from({ length: n }, (_, t) => heldContractAt(schedule, timestamps[t]!).symbol);
  const out = new Float64Array(n);
  let adjustment = 0;
  for (let t = n - 1; t >= 0; t--) {
    if (t < n - 1 && held[t] !== held[t + 1]) {
      // Roll between t and t + 1: the gap at t between the new and the old contract.
      adjustment += prices[held[t + 1]!]![t]! - prices[held[t]!]![t]!;
    }
    out[t] = prices[held[t]!]![t]! + adjustment;
  }
  return out;
}
