/**
 * A futures margin account with daily mark-to-market (variation margin),
 * initial and maintenance margin and margin calls, as exchanges settle it:
 * each day every position is marked to the settlement price and the gain or
 * loss `contracts · multiplier · (settle − previous settle)` is credited to
 * the margin balance; when the balance falls below the maintenance margin of
 * the open positions, a margin call asks for the top-up back to the initial
 * margin. Plain data in and out; every function returns a new account.
 */
import { statsMessages } from "../../messages/stats.js";

export interface FuturesContract {
  readonly symbol: string;
  /** Units of the underlying per contract (e.g. 100 oz gold, 50 for E-mini S&P). */
  readonly multiplier: number;
  /** Initial margin per contract, account currency. */
  readonly initialMargin: number;
  /** Maintenance margin per contract, account currency. */
  readonly maintenanceMargin: number;
  /** Last trading day, epoch ms. */
  readonly expiry: number;
}

export interface FuturesPosition {
  readonly contract: FuturesContract;
  /** Signed number of contracts. */
  readonly contracts: number;
  /** Price the position was last marked at (the entry price on the first day). */
  readonly markPrice: number;
  readonly entryPrice: number;
}

export interface FuturesAccount {
  /** Margin account balance. */
  readonly balance: number;
  readonly positions: readonly FuturesPosition[];
  /** Cumulative deposits made to answer margin calls. */
  readonly deposits: number;
  readonly fees: number;
}

/** What happens when a margin call is not met from outside the account. */
export type MarginCallPolicy = "deposit" | "liquidate";

export interface DailySettlement {
  readonly time: number;
  /** Variation margin of the day (sum over positions). */
  readonly variation: number;
  /** Balance after crediting the variation, before any top-up. */
  readonly balance: number;
  readonly maintenanceRequirement: number;
  readonly initialRequirement: number;
  /** Top-up demanded back to the initial margin (0 when none). */
  readonly marginCall: number;
  /** True when the positions were liquidated instead. */
  readonly liquidated: boolean;
}

export function createFuturesAccount(balance: number): FuturesAccount {
  return { balance, positions: [], deposits: 0, fees: 0 };
}

function checkContract(c: FuturesContract): void {
  const rule = (field: string, value: number, ok: boolean, text: string) => {
    if (!ok) throw new RangeError(statsMessages.futuresInput(field, value, text));
  };
  rule("multiplier", c.multiplier, c.multiplier > 0, "> 0");
  rule("initialMargin", c.initialMargin, c.initialMargin >= 0, ">= 0");
  rule(
    "maintenanceMargin",
    c.maintenanceMargin,
    c.maintenanceMargin >= 0 && c.maintenanceMargin <= c.initialMargin,
    "between 0 and the initial margin",
  );
}

export function initialRequirement(account: FuturesAccount): number {
  return account.positions.reduce(
    (s, p) => s + Math.abs(p.contracts) * p.contract.initialMargin,
    0,
  );
}

export function maintenanceRequirement(account: FuturesAccount): number {
  return account.positions.reduce(
    (s, p) => s + Math.abs(p.contracts) * p.contract.maintenanceMargin,
    0,
  );
}

/** Balance above the initial margin of the open positions. */
export function excessMargin(account: FuturesAccount): number {
  return account.balance - initialRequirement(account);
}

/**
 * Opens (or adds to / reduces) a position at `price`. Adding contracts
 * requires the initial margin of the resulting positions to be covered by
 * the balance; returns `null` when it is not (the order is rejected).
 * Reducing realizes the variation since the last mark into the balance.
 */
export function tradeFutures(
  account: FuturesAccount,
  contract: FuturesContract,
  contracts: number,
  price: number,
  fee = 0,
): FuturesAccount | null {
  checkContract(contract);
  const existing = account.positions.find((p) => p.contract.symbol === contract.symbol);
  const others = account.positions.filter((p) => p !== existing);
  let balance = account.balance - fee;
  let positions = others;
  if (existing) {
    // Mark the existing position to the trade price, then resize it.
    balance += existing.contracts * contract.multiplier * (price - existing.markPrice);
    const total = existing.contracts + contracts;
    if (total !== 0) {
      const sameSide = Math.sign(total) === Math.sign(existing.contracts);
      positions = [
        ...others,
        {
          contract,
          contracts: total,
          markPrice: price,
          entryPrice: sameSide ? existing.entryPrice : price,
        },
      ];
    }
  } else if (contracts !== 0) {
    positions = [...others, { contract, contracts, markPrice: price, entryPrice: price }];
  }
  const next = { ...account, balance, positions, fees: account.fees + fee };
  const adding =
    !existing || Math.abs(existing.contracts + contracts) > Math.abs(existing.contracts);
  if (adding && next.balance < initialRequirement(next)) return null;
  return next;
}

/**
 * End-of-day settlement: marks every position to `settlementPrices[symbol]`,
 * credits the variation margin and checks the maintenance margin. On a call,
 * "deposit" adds the top-up to the balance (recorded in `deposits`), and
 * "liquidate" closes every position at the settlement price.
 */
export function settleFuturesDay(
  account: FuturesAccount,
  time: number,
  settlementPrices: Readonly<Record<string, number>>,
  policy: MarginCallPolicy = "deposit",
): { account: FuturesAccount; settlement: DailySettlement } {
  let variation = 0;
  const positions = account.positions.map((p) => {
    const settle = settlementPrices[p.contract.symbol];
    if (settle === undefined) return p;
    variation += p.contracts * p.contract.multiplier * (settle - p.markPrice);
    return { ...p, markPrice: settle };
  });
  const marked: FuturesAccount = { ...account, balance: account.balance + variation, positions };
  const maintenance = maintenanceRequirement(marked);
  const initial = initialRequirement(marked);
  const call = marked.balance < maintenance ? initial - marked.balance : 0;
  const settlement = {
    time,
    variation,
    balance: marked.balance,
    maintenanceRequirement: maintenance,
    initialRequirement: initial,
    marginCall: call,
    liquidated: call > 0 && policy === "liquidate",
  };
  if (call <= 0) return { account: marked, settlement };
  if (policy === "deposit") {
    return {
      account: { ...marked, balance: marked.balance + call, deposits: marked.deposits + call },
      settlement,
    };
  }
  return { account: { ...marked, positions: [] }, settlement };
}

/** Account equity: the margin balance plus the variation accrued since the last mark at `prices`. */
export function futuresEquity(
  account: FuturesAccount,
  prices: Readonly<Record<string, number>>,
): number {
  let equity = account.balance;
  for (const p of account.positions) {
    const price = prices[p.contract.symbol];
    if (price !== undefined) equity += p.contracts * p.contract.multiplier * (price - p.markPrice);
  }
  return equity;
}

/** The user-facing line for a settlement's margin call (for run logs and risk events), or undefined without one. */
export function describeMarginCall(settlement: DailySettlement): string | undefined {
  if (settlement.marginCall <= 0) return undefined;
  return statsMessages.marginCall(
    new Date(settlement.time).toISOString().slice(0, 10),
    settlement.balance,
    settlement.maintenanceRequirement,
    settlement.marginCall,
  );
}
