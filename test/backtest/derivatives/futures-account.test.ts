import { describe, expect, it } from "vitest";
import {
  continuousPrices,
  createFuturesAccount,
  describeMarginCall,
  type FuturesContract,
  futuresEquity,
  heldContractAt,
  rollFutures,
  settleFuturesDay,
  tradeFutures,
} from "../../../runtime/backtest/derivatives/index.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 5, 3);

/**
 * Hull, Options, Futures and Other Derivatives, Table 2.1: long 2 gold
 * futures (100 oz each) at $1,450, initial margin $6,000 and maintenance
 * margin $4,500 per contract. Each row is hand-computed:
 * variation = 2 · 100 · (settle − previous settle); balance = previous
 * balance (+ last top-up) + variation; a call tops the balance up to $12,000
 * when it is below $9,000.
 */
const gold: FuturesContract = {
  symbol: "GC",
  multiplier: 100,
  initialMargin: 6000,
  maintenanceMargin: 4500,
  expiry: T0 + 90 * DAY,
};
const rows: [settle: number, variation: number, balance: number, call: number][] = [
  [1441.0, -1800, 10200, 0],
  [1438.3, -540, 9660, 0],
  [1444.6, 1260, 10920, 0],
  [1441.3, -660, 10260, 0],
  [1440.1, -240, 10020, 0],
  [1436.2, -780, 9240, 0],
  [1429.9, -1260, 7980, 4020],
  [1430.8, 180, 12180, 0],
  [1425.4, -1080, 11100, 0],
  [1428.1, 540, 11640, 0],
  [1411.0, -3420, 8220, 3780],
  [1411.0, 0, 12000, 0],
  [1414.3, 660, 12660, 0],
  [1416.1, 360, 13020, 0],
  [1423.0, 1380, 14400, 0],
  [1426.9, 780, 15180, 0],
];

describe("futures margin account: Hull's Table 2.1 day by day", () => {
  const opened = tradeFutures(createFuturesAccount(12_000), gold, 2, 1450);

  it("opening 2 contracts needs the $12,000 initial margin; $11,999 is rejected", () => {
    expect(opened).not.toBeNull();
    expect(tradeFutures(createFuturesAccount(11_999), gold, 2, 1450)).toBeNull();
  });

  it.each(rows.map((row, day) => ({ day: day + 1, row })))("day $day", ({ day, row }) => {
    let account = opened!;
    let settlement = settleFuturesDay(account, T0, { GC: 1450 }).settlement;
    for (let d = 0; d < day; d++) {
      const step = settleFuturesDay(account, T0 + (d + 1) * DAY, { GC: rows[d]![0] }, "deposit");
      account = step.account;
      settlement = step.settlement;
    }
    const [, variation, balance, call] = row;
    expect(settlement.variation).toBeCloseTo(variation, 6);
    expect(settlement.balance).toBeCloseTo(balance, 6);
    expect(settlement.marginCall).toBeCloseTo(call, 6);
    expect(settlement.maintenanceRequirement).toBe(9000);
    if (call > 0)
      expect(describeMarginCall(settlement)).toMatch(
        /margin call .* below maintenance margin 9000\.00; deposit/,
      );
    else expect(describeMarginCall(settlement)).toBeUndefined();
  });

  it("totals: cumulative loss 200 · (1426.9 − 1450) = −4,620, deposits 7,800, final balance 15,180", () => {
    let account = opened!;
    for (const [i, [settle]] of rows.entries())
      account = settleFuturesDay(account, T0 + (i + 1) * DAY, { GC: settle }).account;
    expect(account.deposits).toBeCloseTo(7800, 6);
    expect(account.balance).toBeCloseTo(12_000 - 4620 + 7800, 6);
    expect(futuresEquity(account, { GC: 1426.9 })).toBeCloseTo(account.balance, 6);
  });

  it("with the liquidate policy the day-7 call closes the position and the balance stops moving", () => {
    let account = opened!;
    for (const [i, [settle]] of rows.entries())
      account = settleFuturesDay(account, T0 + (i + 1) * DAY, { GC: settle }, "liquidate").account;
    expect(account.positions).toHaveLength(0);
    expect(account.balance).toBeCloseTo(7980, 6);
    expect(account.deposits).toBe(0);
  });

  it("closing realizes the variation since the last mark, less the fee", () => {
    const marked = settleFuturesDay(opened!, T0 + DAY, { GC: 1441 }).account; // balance 10,200
    const closed = tradeFutures(marked, gold, -2, 1445, 10)!;
    expect(closed.positions).toHaveLength(0);
    expect(closed.balance).toBeCloseTo(10_200 + 200 * (1445 - 1441) - 10, 6);
  });

  it("rejects a maintenance margin above the initial margin", () => {
    expect(() =>
      tradeFutures(createFuturesAccount(1e6), { ...gold, maintenanceMargin: 7000 }, 1, 1450),
    ).toThrow(/maintenanceMargin/);
  });
});

describe("roll schedule", () => {
  const dec: FuturesContract = { ...gold, symbol: "GCZ", expiry: T0 + 10 * DAY };
  const feb: FuturesContract = { ...gold, symbol: "GCG", expiry: T0 + 70 * DAY };
  const schedule = { contracts: [dec, feb], rollDaysBeforeExpiry: 3 };

  it("holds the front contract until 3 days before its expiry, then the next", () => {
    expect(heldContractAt(schedule, T0 + 6 * DAY).symbol).toBe("GCZ");
    expect(heldContractAt(schedule, T0 + 7 * DAY).symbol).toBe("GCG");
    expect(() => heldContractAt(schedule, T0 + 68 * DAY)).toThrow(/no contract/);
  });

  it("rolls the position at the two prices; equity is unchanged except for fees", () => {
    let account = tradeFutures(createFuturesAccount(20_000), dec, 1, 1400)!;
    account = settleFuturesDay(account, T0 + 6 * DAY, { GCZ: 1404 }).account; // +400
    expect(rollFutures(account, schedule, T0 + 6 * DAY, { GCZ: 1404, GCG: 1410 }).rolled).toBe(
      false,
    );
    const prices = { GCZ: 1405, GCG: 1412 };
    const before = futuresEquity(account, prices);
    const roll = rollFutures(account, schedule, T0 + 7 * DAY, prices, 2);
    expect(roll).toMatchObject({ rolled: true, from: "GCZ", to: "GCG", contracts: 1 });
    expect(
      roll.account.positions.map((p) => [p.contract.symbol, p.contracts, p.markPrice]),
    ).toEqual([["GCG", 1, 1412]]);
    expect(futuresEquity(roll.account, prices)).toBeCloseTo(before - 4, 6);
    expect(roll.account.balance).toBeCloseTo(20_000 + 100 * (1405 - 1400) - 4, 6);
  });

  it("back-adjusted continuous prices: before the roll shifted by the roll gap, returns across the roll = the new contract's move", () => {
    const timestamps = Float64Array.from({ length: 6 }, (_, i) => T0 + (i + 2) * DAY);
    const s2 = { contracts: [{ ...dec, expiry: T0 + 8 * DAY }, feb], rollDaysBeforeExpiry: 3 }; // roll at T0 + 5d → index 3
    const prices = { GCZ: [100, 101, 102, 103, 104, 105], GCG: [103, 104, 104.5, 105, 106, 107] };
    const cont = continuousPrices(s2, timestamps, prices);
    expect(Array.from(cont)).toEqual([102.5, 103.5, 104.5, 105, 106, 107]);
  });
});
