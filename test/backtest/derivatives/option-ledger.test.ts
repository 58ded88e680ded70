import { describe, expect, it } from "vitest";
import {
  bsmPrice,
  closeOption,
  createOptionLedger,
  type OptionContract,
  openOption,
  optionLedgerEquity,
  settleExpiredOptions,
} from "../../../runtime/backtest/derivatives/index.js";

const YEAR = 365 * 86_400_000;
const NOW = Date.UTC(2024, 0, 2);
const EXPIRY = NOW + 0.5 * YEAR;
const call40: OptionContract = {
  type: "call",
  strike: 40,
  expiry: EXPIRY,
  multiplier: 100,
  settlement: "cash",
};
const put40: OptionContract = {
  type: "put",
  strike: 40,
  expiry: EXPIRY,
  multiplier: 100,
  settlement: "physical",
};

/** Long 2 calls at 4.76 (fee 1), short 1 physically settled put at 0.81 (fee 1), from 10,000 cash. */
function book() {
  let ledger = createOptionLedger(10_000);
  ledger = openOption(ledger, {
    id: "c",
    contract: call40,
    quantity: 2,
    premium: 4.76,
    time: NOW,
    fee: 1,
  }).ledger;
  ledger = openOption(ledger, {
    id: "p",
    contract: put40,
    quantity: -1,
    premium: 0.81,
    time: NOW,
    fee: 1,
  }).ledger;
  return ledger;
}

describe("option position ledger (hand-computed cash flows)", () => {
  it("premiums and fees: 10,000 − 2·100·4.76 − 1 + 100·0.81 − 1 = 9,127", () => {
    const ledger = book();
    expect(ledger.cash).toBeCloseTo(9127, 9);
    expect(ledger.fees).toBe(2);
  });

  it("marks at Black–Scholes (Hull's S=42, r=10%, σ=20%, T=0.5)", () => {
    const market = { spot: 42, rate: 0.1, volatility: 0.2, time: NOW };
    const c = bsmPrice({
      type: "call",
      spot: 42,
      strike: 40,
      rate: 0.1,
      volatility: 0.2,
      timeToExpiry: 0.5,
    });
    const p = bsmPrice({
      type: "put",
      spot: 42,
      strike: 40,
      rate: 0.1,
      volatility: 0.2,
      timeToExpiry: 0.5,
    });
    expect(optionLedgerEquity(book(), market)).toBeCloseTo(9127 + 200 * c - 100 * p, 9);
  });

  it("expiry at S=35: calls expire worthless, the written put is assigned — buy 100 units at 40", () => {
    const { ledger, events } = settleExpiredOptions(book(), EXPIRY, 35);
    expect(ledger.positions).toHaveLength(0);
    expect(ledger.cash).toBeCloseTo(9127 - 4000, 9);
    expect(ledger.underlyingUnits).toBe(100);
    expect(events.map((e) => e.kind === "expire" && [e.id, e.exercised])).toEqual([
      ["c", false],
      ["p", true],
    ]);
    // P&L: calls −2·100·4.76 = −952; put −100·(5 − 0.81) = −419; fees −2.
    expect(ledger.realizedPnl).toBeCloseTo(-952 - 419 - 2, 9);
    expect(
      optionLedgerEquity(ledger, { spot: 35, rate: 0.1, volatility: 0.2, time: EXPIRY }),
    ).toBeCloseTo(10_000 - 952 - 419 - 2, 9);
  });

  it("expiry at S=50: the cash-settled calls pay 2·100·10 = 2,000, the put expires worthless", () => {
    const { ledger } = settleExpiredOptions(book(), EXPIRY, 50);
    expect(ledger.cash).toBeCloseTo(9127 + 2000, 9);
    expect(ledger.underlyingUnits).toBe(0);
  });

  it("settlement keeps equity continuous: value marked at expiry = equity after settling", () => {
    for (const spot of [30, 39.5, 40, 41, 55]) {
      const market = { spot, rate: 0.1, volatility: 0.2, time: EXPIRY };
      const before = optionLedgerEquity(book(), market);
      const after = optionLedgerEquity(settleExpiredOptions(book(), EXPIRY, spot).ledger, market);
      expect(after).toBeCloseTo(before, 9);
    }
  });

  it("nothing settles before expiry; closing early realizes premium differences", () => {
    expect(settleExpiredOptions(book(), EXPIRY - 1, 35).ledger.positions).toHaveLength(2);
    const { ledger, events } = closeOption(book(), {
      id: "c",
      premium: 6,
      time: NOW + YEAR / 12,
      fee: 1,
    });
    expect(ledger.cash).toBeCloseTo(9127 + 1199, 9);
    expect(events[0]).toMatchObject({ kind: "close", id: "c" });
    expect(ledger.realizedPnl).toBeCloseTo(-2 + 200 * (6 - 4.76) - 1, 9);
    expect(() => closeOption(ledger, { id: "c", premium: 6, time: NOW })).toThrow(
      /no open option position/,
    );
  });
});
