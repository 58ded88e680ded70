import { UserError } from "../core/errors.js";
import { servingMessages as m } from "../messages/serving.js";

/**
 * The trading env's own book between two served bars (plain JSON): what its
 * observation holds besides the features (single_asset: the drifted
 * position; portfolio: the drifted weights of the symbols and cash), its
 * equity (the cost model charges on it) and the target it decided at `bar`,
 * which the next call steps through to the next bar with the env's own code.
 */
export interface AgentEnvState {
  readonly bar: number;
  readonly equity: number;
  /** single_asset: [position]; portfolio: S weights + cash. */
  readonly book: readonly number[];
  /** The env's target at `bar` (single_asset: [position]; portfolio: S + 1 softmax weights). */
  readonly target: readonly number[];
}

const finiteList = (value: unknown, length: number): value is number[] =>
  Array.isArray(value) &&
  value.length === length &&
  value.every((x) => typeof x === "number" && Number.isFinite(x));

/**
 * The env state a caller passed back, checked against the shape this env
 * keeps and the bar it must come from (the call for bar − 1). Undefined when
 * none was passed: the env starts flat, as at the first bar of its run.
 */
export function callerEnvState(
  raw: Record<string, unknown> | undefined,
  bookSize: number,
  bar: number,
): AgentEnvState | undefined {
  if (raw === undefined) return undefined;
  const keys = ["bar", "equity", "book", "target"];
  for (const key of Object.keys(raw))
    if (!keys.includes(key)) throw new UserError(m.envStateMismatch(`/envState/${key}`));
  const at = (key: string): unknown => (Object.hasOwn(raw, key) ? raw[key] : undefined);
  const stateBar = at("bar");
  if (typeof stateBar !== "number" || !Number.isInteger(stateBar))
    throw new UserError(m.envStateMismatch("/envState/bar"));
  const equity = at("equity");
  if (typeof equity !== "number" || !(Number.isFinite(equity) && equity > 0))
    throw new UserError(m.envStateMismatch("/envState/equity"));
  const book = at("book");
  if (!finiteList(book, bookSize)) throw new UserError(m.envStateMismatch("/envState/book"));
  const target = at("target");
  if (!finiteList(target, bookSize)) throw new UserError(m.envStateMismatch("/envState/target"));
  if (stateBar !== bar - 1) throw new UserError(m.envStateBar(stateBar, bar));
  return { bar: stateBar, equity, book, target };
}
