import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { strategySignal } from "../backtest/stage.js";
import { UserError } from "../core/errors.js";
import { servingMessages as m } from "../messages/serving.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import type { ApiModelSignature } from "../spec/types.generated.js";
import { ARTIFACT_FILES } from "./artifact-files.js";
import { barsPanel } from "./bars.js";
import type { Predictor } from "./predictor.js";
import { loadServedRegime } from "./served-regime.js";
import { applyServedRisk, loadRisk, servedPortfolio } from "./served-risk.js";

const STRATEGY_FILE = ARTIFACT_FILES.strategy;

/** Whether an artifact folder holds a rule strategy. */
export function holdsStrategy(artifactDir: string): boolean {
  return existsSync(join(artifactDir, STRATEGY_FILE));
}

/**
 * Loads a rule strategy registered as a model: its decision at the last bar
 * sent is the strategy's target weights computed on the bars by the signal
 * stage's own function (strategySignal), switched by the regime when the run
 * switched (served-regime.ts), then the risk overlay the run used.
 * Its decision depends on every bar since the run's first (the rule keeps
 * its position), so the bars start there (the signature's bars.fromStart).
 */
export async function loadStrategyPredictor(
  input: { name: string; version: number; artifactDir: string },
  signature: ApiModelSignature,
): Promise<Predictor> {
  const { name, version, artifactDir } = input;
  const raw: unknown = JSON.parse(readFileSync(join(artifactDir, STRATEGY_FILE), "utf8"));
  // A trust boundary: the section is checked against the strategy schema again.
  const section = resolveSchemaValue("strategy", raw, STRATEGY_FILE);
  const risk = loadRisk(artifactDir);
  const regime = loadServedRegime(artifactDir);
  const history = signature.bars!;
  const symbols = signature.symbols;
  const withHighLow = history.columns.includes("high") && history.columns.includes("low");
  return {
    name,
    version,
    signature,
    predict() {
      throw new UserError(m.observationsNotSupported());
    },
    predictBars(bars, options) {
      const panel = barsPanel(bars, signature, history, options.limits);
      const t = panel.timestamps.length - 1;
      const bar = options.portfolio?.bar ?? t;
      const first = bar - t;
      if (first < 0) throw new UserError(m.barBeforeHistory(bar, t + 1));
      const signal = strategySignal(section, panel).weights;
      // Under `regime.switching`: the signal switched by the regime at each bar, as the run's signal stage did.
      const switched = regime?.switch(panel, signal, t);
      const weights = switched?.weights ?? signal;
      // NaN means "no decision yet" and counts as 0, as in the backtest engines.
      const proposed = Float64Array.from(weights, (w) => {
        const v = w[t]!;
        return Number.isNaN(v) ? 0 : v;
      });
      const time = panel.timestamps[t]!;
      const portfolio = servedPortfolio(options.portfolio, symbols.length, bar, time, {
        closes: panel.close,
        ...(withHighLow ? { highs: panel.high, lows: panel.low } : {}),
        first,
      });
      const decision = applyServedRisk(risk, proposed, portfolio, options.riskState);
      return {
        bar,
        time,
        proposed: Array.from(proposed),
        weights: Array.from(decision.targets),
        riskEvents: decision.events,
        ...(decision.state ? { riskState: decision.state } : {}),
        ...(switched ? { regime: switched.regime } : {}),
      };
    },
    dispose() {},
  };
}
