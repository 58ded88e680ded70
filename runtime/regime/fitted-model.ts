import { UserError } from "../core/errors.js";
import type { FittedModel } from "./detector.js";
import { messages } from "./messages.js";

/**
 * Reading a detector's fitted parameters back (the `model` detect wrote, as
 * a model artifact holds it): a trust boundary, so every value is checked
 * for its type and finiteness, and a broken one is a UserError naming it.
 */
export function fittedValue(model: FittedModel, key: string): unknown {
  return Object.hasOwn(model, key) ? model[key] : undefined;
}

export function fittedNumber(type: string, model: FittedModel, key: string): number {
  const value = fittedValue(model, key);
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new UserError(messages.fittedModelBroken(type, key));
  return value;
}

export function fittedNumbers(type: string, model: FittedModel, key: string): number[] {
  const value = fittedValue(model, key);
  if (!Array.isArray(value) || !value.every((v) => typeof v === "number" && Number.isFinite(v)))
    throw new UserError(messages.fittedModelBroken(type, key));
  return value;
}

export function fittedStrings(type: string, model: FittedModel, key: string): string[] {
  const value = fittedValue(model, key);
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string"))
    throw new UserError(messages.fittedModelBroken(type, key));
  return value;
}
