/**
 * The failed-authentication throttle (server/auth/failure-throttle.ts) on a clock the test
 * moves: blocks an address after max failures until its window ends, counts attempts in flight
 * once the address has failed, forgets addresses whose window ended, and remembers a bounded
 * number of addresses.
 */
import { describe, expect, it } from "vitest";
import { FailureThrottle } from "../../../server/auth/failure-throttle.js";

function throttle(maxFailures = 3, maxAddresses = 100) {
  const clock = { now: 1_000_000 };
  const t = new FailureThrottle({
    maxFailures,
    windowMs: 60_000,
    maxAddresses,
    now: () => clock.now,
  });
  const fail = (address: string) => {
    expect(t.begin(address)).toBeUndefined();
    t.failed(address);
  };
  return { t, clock, fail };
}

describe("FailureThrottle", () => {
  it("lets successes through without limit and remembers nothing for them", () => {
    const { t } = throttle(1);
    for (let i = 0; i < 10; i++) {
      expect(t.begin("a")).toBeUndefined();
      t.succeeded("a");
    }
    t.succeeded("never-seen");
  });

  it("blocks after max failures, with the seconds left in the window, until it ends", () => {
    const { t, clock, fail } = throttle(3);
    fail("a");
    clock.now += 10_000;
    fail("a");
    fail("a");
    expect(t.begin("a")).toBe(50);
    clock.now += 49_500;
    expect(t.begin("a")).toBe(1);
    expect(t.begin("b")).toBeUndefined();
    clock.now += 500;
    expect(t.begin("a")).toBeUndefined();
  });

  it("a success does not reset the failures counted in the window", () => {
    const { t, fail } = throttle(2);
    fail("a");
    expect(t.begin("a")).toBeUndefined();
    t.succeeded("a");
    fail("a");
    expect(t.begin("a")).toBeGreaterThan(0);
  });

  it("counts attempts in flight once the address has failed, so parallel guesses cannot overshoot", () => {
    const { t, fail } = throttle(3);
    fail("a");
    expect(t.begin("a")).toBeUndefined();
    expect(t.begin("a")).toBeUndefined();
    // One failure and two pending make three: the fourth attempt waits.
    expect(t.begin("a")).toBeGreaterThan(0);
    t.succeeded("a");
    expect(t.begin("a")).toBeUndefined();
  });

  it("attempts in flight before any failure are not counted", () => {
    const { t } = throttle(2);
    for (let i = 0; i < 5; i++) expect(t.begin("a")).toBeUndefined();
  });

  it("forgets the oldest address beyond its bound (that address may try again)", () => {
    const { t, fail } = throttle(1, 2);
    fail("a");
    fail("b");
    expect(t.begin("a")).toBeGreaterThan(0);
    fail("c");
    // A refused attempt does not refresh an address: "a" was the oldest when "c" came.
    expect(t.begin("b")).toBeGreaterThan(0);
    expect(t.begin("a")).toBeUndefined();
  });
});
