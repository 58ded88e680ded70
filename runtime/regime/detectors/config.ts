import type { ObservationFeature, ObservationOptions } from "../observations.js";
import type { DetectorContext } from "../detector.js";
import { specError } from "../../core/spec-error.js";
import { messages } from "../messages.js";

/** The observation keys a detector's section shares (`window`, `scale`, `symbol`). */
export interface ObservationKeys {
  readonly window: number;
  readonly scale: number;
  readonly symbol?: string;
}

/** The observation options of a detector's section, with the per-bar `features` it models. */
export function observationOptions(
  config: ObservationKeys,
  features: readonly ObservationFeature[],
  ctx: DetectorContext,
): ObservationOptions {
  const symbol = config.symbol;
  if (symbol !== undefined && !ctx.panel.symbols.includes(symbol)) {
    throw specError(ctx.loc.at("/symbol"), messages.unknownSymbol(symbol, ctx.panel.symbols));
  }
  return {
    features: [...features],
    window: config.window,
    scale: config.scale,
    ...(symbol !== undefined ? { symbol } : {}),
  };
}

/** Bars of the train segment at which observations are defined: [start, end). */
export function trainRows(ctx: DetectorContext, firstBar: number): { start: number; end: number } {
  const start = Math.max(ctx.segments.train.start, firstBar);
  return { start, end: Math.max(start, ctx.segments.train.end) };
}
