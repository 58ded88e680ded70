import { UserError } from "../core/errors.js";
import { didYouMean } from "../core/suggest.js";
import { storeMessages } from "../messages/store.js";

/** Refuses a value outside `allowed` (plain JavaScript callers can pass anything), suggesting the closest. */
export function checkChoice<T extends string>(
  what: string,
  given: unknown,
  allowed: readonly T[],
): asserts given is T {
  if (typeof given === "string" && (allowed as readonly string[]).includes(given)) return;
  const suggestion = typeof given === "string" ? didYouMean(given, allowed) : undefined;
  throw new UserError(storeMessages.badChoice(what, given, allowed, suggestion));
}

/** Refuses NaN, ±Infinity and non-numbers: the store holds finite values only. */
export function checkFinite(what: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new UserError(storeMessages.notFinite(what, value));
}

/** A value read from `table.column` that must be one of `allowed` (the store only ever writes those). */
export function storedChoice<T extends string>(
  table: string,
  column: string,
  value: string,
  allowed: readonly T[],
): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new Error(storeMessages.storedValueInvalid(table, column, value));
  return found;
}
