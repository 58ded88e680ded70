import {
  OBSERVATION_FEATURES,
  type ObservationFeature,
  type ObservationOptions,
} from "../observations.js";
import type { DetectorContext } from "../detector.js";
import { specError } from "../spec-errors.js";
import { messages } from "../messages.js";

/** Reads a number option with a default (the schema has checked its type). */
export function num(config: Record<string, unknown>, key: string, fallback: number): number {
  const v = config[key];
  return typeof v === "number" ? v : fallback;
}

export function str<T extends string>(
  config: Record<string, unknown>,
  key: string,
  fallback: T,
): T {
  const v = config[key];
  return typeof v === "string" ? (v as T) : fallback;
}

/** The observation options shared by the detectors (`features`, `window`, `scale`, `symbol`). */
export function observationOptions(
  config: Record<string, unknown>,
  ctx: DetectorContext,
  defaultFeatures: readonly ObservationFeature[] = ["log_return"],
): ObservationOptions {
  const raw = config.features;
  const features = Array.isArray(raw)
    ? raw.filter((f): f is ObservationFeature =>
        (OBSERVATION_FEATURES as readonly string[]).includes(String(f)),
      )
    : [...defaultFeatures];
  const symbol = typeof config.symbol === "string" ? config.symbol : undefined;
  if (symbol !== undefined && !ctx.panel.symbols.includes(symbol)) {
    throw specError(
      ctx.file,
      `${ctx.path}/symbol`,
      messages.unknownSymbol(symbol, ctx.panel.symbols),
    );
  }
  return {
    features: features.length ? features : [...defaultFeatures],
    window: num(config, "window", 20),
    scale: num(config, "scale", 100),
    ...(symbol !== undefined ? { symbol } : {}),
  };
}

/** Bars of the train segment at which observations are defined: [start, end). */
export function trainRows(ctx: DetectorContext, firstBar: number): { start: number; end: number } {
  const start = Math.max(ctx.segments.train.start, firstBar);
  return { start, end: Math.max(start, ctx.segments.train.end) };
}
