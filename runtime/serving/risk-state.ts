import { UserError } from "../core/errors.js";
import { limitsMessages } from "../messages/limits.js";
import type { RiskManager, RiskManagerState } from "../risk/manager.js";

/** Longest text or free-form number list a rule's state may hold where its initial state has null. */
const MAX_FREE_LENGTH = 4096;

/** Where `value` departs from the shape of `template` (a rule's initial state), or undefined. */
function mismatch(value: unknown, template: unknown, pointer: string): string | undefined {
  if (template === null) {
    if (value === null) return undefined;
    if (typeof value === "string") return value.length <= MAX_FREE_LENGTH ? undefined : pointer;
    const numbers =
      Array.isArray(value) &&
      value.length <= MAX_FREE_LENGTH &&
      value.every((x) => typeof x === "number" && Number.isFinite(x));
    return numbers ? undefined : pointer;
  }
  if (typeof template === "number")
    return typeof value === "number" && Number.isFinite(value) ? undefined : pointer;
  if (typeof template !== "object") return typeof value === typeof template ? undefined : pointer;
  if (Array.isArray(template)) {
    if (!Array.isArray(value) || value.length !== template.length) return pointer;
    for (let i = 0; i < template.length; i++) {
      const at = mismatch(value[i], template[i], `${pointer}/${i}`);
      if (at !== undefined) return at;
    }
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return pointer;
  const keys = Object.keys(template);
  if (Object.keys(value).length !== keys.length) return pointer;
  for (const key of keys) {
    if (!Object.hasOwn(value, key)) return `${pointer}/${key}`;
    const at = mismatch(
      (value as Record<string, unknown>)[key],
      (template as Record<string, unknown>)[key],
      `${pointer}/${key}`,
    );
    if (at !== undefined) return at;
  }
  return undefined;
}

/**
 * The risk state a caller passed back (`riskState` of a predict request),
 * checked against the shape of the model's own initial state: one entry per
 * rule, each with the same fields, list lengths and value types. Undefined
 * when none was passed or the model has no risk overlay (then it is ignored,
 * not echoed). A state of another shape is a UserError naming where it departs.
 */
export function callerRiskState(
  risk: RiskManager | undefined,
  state: unknown,
): RiskManagerState | undefined {
  if (state === undefined || risk === undefined) return undefined;
  const at = mismatch(state, risk.initialState(), "/riskState");
  if (at !== undefined) throw new UserError(limitsMessages.riskStateMismatch(at));
  return state as RiskManagerState;
}
