import type { ObservationFeature, ObservationOptions } from "../observations.js";
import type { DetectorContext } from "../detector.js";
import { specError } from "../../core/spec-error.js";
import { didYouMean } from "../../core/suggest.js";
import type { RegimeHmm } from "../../spec/types.generated.js";
import { messages } from "../messages.js";

/** The `series` key of a detector section: the basket (of all or listed symbols) or one symbol. */
export type RegimeSeries = RegimeHmm["series"];

/** The observation keys a detector's section shares (`window`, `scale`, `series`). */
export interface ObservationKeys {
  readonly window: number;
  readonly scale: number;
  readonly series: RegimeSeries;
}

/**
 * The symbols of a section's `series` (undefined = every symbol), each
 * checked against the data with a did-you-mean error at its place in the spec.
 */
export function seriesSymbols(
  series: RegimeSeries,
  ctx: Pick<DetectorContext, "panel" | "loc">,
): readonly string[] | undefined {
  if (series === "basket") return undefined;
  const [listed, at] =
    "symbol" in series
      ? [[series.symbol], (_: number) => "/series/symbol"]
      : [series.basket, (i: number) => `/series/basket/${i}`];
  const known = ctx.panel.symbols;
  listed.forEach((symbol, i) => {
    if (!known.includes(symbol)) {
      throw specError(
        ctx.loc.at(at(i)),
        messages.unknownSymbol(symbol, known),
        messages.symbolHint(didYouMean(symbol, known)),
      );
    }
  });
  return listed;
}

/** The observation options of a detector's section, with the per-bar `features` it models. */
export function observationOptions(
  config: ObservationKeys,
  features: readonly ObservationFeature[],
  ctx: Pick<DetectorContext, "panel" | "loc">,
): ObservationOptions {
  const symbols = seriesSymbols(config.series, ctx);
  return {
    features: [...features],
    window: config.window,
    scale: config.scale,
    ...(symbols !== undefined ? { symbols } : {}),
  };
}

/** Bars of the train segment at which observations are defined: [start, end). */
export function trainRows(ctx: DetectorContext, firstBar: number): { start: number; end: number } {
  const start = Math.max(ctx.segments.train.start, firstBar);
  return { start, end: Math.max(start, ctx.segments.train.end) };
}
