import { describe, expect, it } from "vitest";
import {
  contractName,
  expiryDates,
  syntheticContracts,
  thirdFriday,
} from "../../../runtime/backtest/derivatives/expiry-calendar.js";
import { heldContractAt } from "../../../runtime/backtest/derivatives/roll-schedule.js";

const DAY = 86_400_000;

describe("expiry calendar", () => {
  it("third Fridays match the published CME E-mini S&P 500 expiries", () => {
    // ESH24 15 Mar 2024, ESM24 21 Jun 2024, ESU24 20 Sep 2024, ESZ24 20 Dec 2024, ESH20 20 Mar 2020.
    expect(thirdFriday(2024, 2)).toBe(Date.UTC(2024, 2, 15));
    expect(thirdFriday(2024, 5)).toBe(Date.UTC(2024, 5, 21));
    expect(thirdFriday(2024, 8)).toBe(Date.UTC(2024, 8, 20));
    expect(thirdFriday(2024, 11)).toBe(Date.UTC(2024, 11, 20));
    expect(thirdFriday(2020, 2)).toBe(Date.UTC(2020, 2, 20));
    for (let m = 0; m < 24; m++) {
      const d = new Date(thirdFriday(2023 + Math.floor(m / 12), m % 12));
      expect(d.getUTCDay()).toBe(5);
      expect(d.getUTCDate()).toBeGreaterThanOrEqual(15);
      expect(d.getUTCDate()).toBeLessThanOrEqual(21);
    }
  });

  it("names contracts with the exchange month codes", () => {
    expect(contractName("ES", Date.UTC(2024, 2, 15))).toBe("ES.H24");
    expect(contractName("ES", Date.UTC(2009, 11, 18))).toBe("ES.Z09");
    expect(contractName("CL", Date.UTC(2024, 0, 19))).toBe("CL.F24");
  });

  it("covers the data's dates: quarterly and monthly, with the roll lead", () => {
    const from = Date.UTC(2024, 0, 10);
    const to = Date.UTC(2024, 6, 1);
    expect(expiryDates("quarterly", "third_friday", from, to)).toEqual([
      Date.UTC(2024, 2, 15),
      Date.UTC(2024, 5, 21),
      Date.UTC(2024, 8, 20),
    ]);
    expect(expiryDates("monthly", "third_friday", from, Date.UTC(2024, 2, 1))).toEqual([
      Date.UTC(2024, 0, 19),
      Date.UTC(2024, 1, 16),
      Date.UTC(2024, 2, 15),
    ]);
    // With a 10-day lead the January contract's roll date (9 Jan) is before `from`: skip it.
    expect(expiryDates("monthly", "third_friday", from, Date.UTC(2024, 1, 1), 10)[0]).toBe(
      Date.UTC(2024, 1, 16),
    );
  });

  it("every day of the range has a contract to hold, and the held one changes on the roll date", () => {
    const from = Date.UTC(2023, 0, 2);
    const to = Date.UTC(2024, 11, 31);
    const contracts = syntheticContracts(
      "ES",
      { multiplier: 50, initialMargin: 12_000, maintenanceMargin: 11_000 },
      { cycle: "quarterly", day: "third_friday", leadDays: 8 },
      from,
      to,
    );
    const schedule = { contracts, rollDaysBeforeExpiry: 8 };
    for (let t = from; t <= to; t += DAY) expect(() => heldContractAt(schedule, t)).not.toThrow();
    expect(heldContractAt(schedule, Date.UTC(2024, 2, 6)).symbol).toBe("ES.H24");
    expect(heldContractAt(schedule, Date.UTC(2024, 2, 7)).symbol).toBe("ES.M24");
    expect(contracts[0]!.multiplier).toBe(50);
  });
});
