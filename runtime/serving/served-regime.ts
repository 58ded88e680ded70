import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { namedSignalWeights, switchedSignal } from "../backtest/regime-switching.js";
import type { OhlcvPanel } from "../contracts/panel.js";
import { UserError } from "../core/errors.js";
import { sectionLocation } from "../core/spec-location.js";
import { servingMessages as m } from "../messages/serving.js";
import type { FittedModel } from "../regime/detector.js";
import { createRegimeRegistry } from "../regime/registry.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import type { RegimeSpec } from "../spec/types.generated.js";
import { ARTIFACT_FILES } from "./artifact-files.js";

const REGIME_FILE = ARTIFACT_FILES.regime;

/**
 * What a regime-switched model's artifact holds (regime.json, written by the
 * register stage from the run's regime stage): the spec's regime section
 * (detector, modelled series, `signals`, `switching`, defaults filled) and
 * the detector the run fitted (its `model`, never refitted), with its states.
 */
export interface ServedRegimeDocument {
  readonly section: RegimeSpec;
  readonly nStates: number;
  readonly stateNames: readonly string[];
  readonly model: FittedModel;
}

/** The regime at the decision bar, as the answer names it. */
export interface RegimeAtBar {
  /** The label the run's detector gives the bar (-1: unknown, e.g. warm-up). */
  readonly label: number;
  /** The state's name, or `unknown`. */
  readonly state: string;
}

/** A served model's regime switching: the run's labelling and switching, on the bars sent. */
export interface ServedRegime {
  readonly document: ServedRegimeDocument;
  /**
   * The switched targets ([symbol][t]) of `base` (the experiment's own
   * signal on the bars sent) and the regime at bar `t`: the detector's own
   * labelling function with the fitted model, then the signal stage's
   * switching (switchedSignal, with the named signals computed on the bars
   * by the backtest's strategy code), exactly as the run switched.
   */
  switch(
    panel: OhlcvPanel,
    base: Float64Array[],
    t: number,
  ): { weights: Float64Array[]; regime: RegimeAtBar };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Reads a regime document back (a trust boundary: the section is checked against its schema again). */
export function readRegimeDocument(raw: unknown, label: string): ServedRegimeDocument {
  if (!isObject(raw)) throw new UserError(m.regimeFileBroken("not an object"));
  const at = (key: string): unknown => (Object.hasOwn(raw, key) ? raw[key] : undefined);
  const section = resolveSchemaValue("regime", at("section"), label);
  const nStates = at("nStates");
  const stateNames = at("stateNames");
  const model = at("model");
  if (typeof nStates !== "number" || !Number.isInteger(nStates) || nStates < 1)
    throw new UserError(m.regimeFileBroken("nStates"));
  if (
    !Array.isArray(stateNames) ||
    stateNames.length !== nStates ||
    !stateNames.every((s) => typeof s === "string")
  )
    throw new UserError(m.regimeFileBroken("stateNames"));
  if (!isObject(model)) throw new UserError(m.regimeFileBroken("model"));
  return { section, nStates, stateNames, model };
}

/** The switching a registered model applies, from its regime.json (undefined: the run switched none). */
export function loadServedRegime(artifactDir: string): ServedRegime | undefined {
  const file = join(artifactDir, REGIME_FILE);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new UserError(m.regimeFileBroken("not JSON"));
  }
  return servedRegime(readRegimeDocument(raw, REGIME_FILE));
}

/** The switching of a regime document (its detector must be one that labels served bars). */
export function servedRegime(document: ServedRegimeDocument): ServedRegime {
  const { section, model, stateNames } = document;
  const detector = createRegimeRegistry().get(section.type);
  const label = detector.label;
  if (label === undefined) throw new UserError(m.regimeDetectorNotServable(section.type));
  const loc = sectionLocation("regime");
  return {
    document,
    switch(panel, base, t) {
      const labels = label.call(detector, section, model, panel, loc);
      const signal = { weights: base, symbols: panel.symbols, source: section.type };
      // The signal stage's own call (runtime/regime/switching-stage.ts).
      const switched = switchedSignal(
        signal,
        { labels, ...(section.switching ? { switching: section.switching } : {}) },
        panel,
        (name) => namedSignalWeights(name, section.signals, panel, loc, signal.weights),
      );
      const at = labels[t] ?? -1;
      return {
        weights: switched.weights,
        regime: { label: at, state: at < 0 ? "unknown" : (stateNames[at] ?? String(at)) },
      };
    },
  };
}
