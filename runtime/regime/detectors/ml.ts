import type { NamedRegistry } from "../../core/named-registry.js";
import { didYouMean } from "../../core/suggest.js";
import type { DetectorOutput, RegimeDetectorFactory } from "../detector.js";
import { messages } from "../messages.js";
import { classificationReport } from "../ml/confusion.js";
import { fitLogisticRegression, predictProbabilities } from "../ml/logistic-regression.js";
import { buildObservations, type ObservationFeature } from "../observations.js";
import type { Diagnostic } from "../../core/errors.js";
import { specDiagnostic, specError, throwFirst } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import type { RegimeMl } from "../../spec/types.generated.js";
import { observationOptions } from "./config.js";

/** The target detector is a known one and its own section passes its checks. */
function checkTarget(
  config: RegimeMl,
  loc: SpecLocation,
  targets: NamedRegistry<RegimeDetectorFactory>,
): Diagnostic[] {
  const target = config.target;
  const type = target.type;
  if (!targets.has(type)) {
    return [
      specDiagnostic(
        loc.at("/target/type"),
        messages.unknownDetector(type, didYouMean(type, targets.names())),
        messages.validTypes(targets.names()),
      ),
    ];
  }
  return targets.get(type).check?.(target, loc.at("/target")) ?? [];
}

/**
 * Regime prediction: a multinomial logistic regression on the last `lags`
 * bars of the features predicts the regime `horizon` bars ahead, as labelled
 * by the `target` detector. Fitted on pairs whose input and label both lie in
 * the train segment; the test segment gives the out-of-sample accuracy and
 * confusion matrix. The label at bar t is the regime predicted for t + horizon
 * (decided with data ≤ t).
 */
export function mlDetector(
  registry: () => NamedRegistry<RegimeDetectorFactory>,
): RegimeDetectorFactory<RegimeMl> {
  return {
    type: "ml",
    check: (config, loc) => checkTarget(config, loc, registry()),
    detect(config, ctx): DetectorOutput {
      const targetConfig = config.target;
      const targetType = targetConfig.type;
      const targets = registry();
      throwFirst(checkTarget(config, ctx.loc, targets));
      const target = targets
        .get(targetType)
        .detect(targetConfig, { ...ctx, loc: ctx.loc.at("/target"), rng: ctx.rng.fork("target") });
      const options = observationOptions(config, config.features, ctx);
      const series = buildObservations(ctx.panel, options);
      const { lags, horizon } = config;
      const n = series.bars;
      const f = series.dim;
      const d = f * lags;
      const firstX = series.firstBar + lags - 1;
      const row = (t: number, out: Float64Array, offset: number) => {
        for (let l = 0; l < lags; l++) {
          for (let j = 0; j < f; j++) out[offset + l * f + j] = series.values[(t - l) * f + j]!;
        }
      };
      // Bars whose lagged inputs are all defined (a gap in the data blanks only the bars that see it).
      const defined = (t: number) => {
        for (let i = (t - lags + 1) * f; i < (t + 1) * f; i++) {
          if (!Number.isFinite(series.values[i]!)) return false;
        }
        return true;
      };
      const train = ctx.segments.train;
      const rows: number[] = [];
      for (let t = Math.max(train.start, firstX); t + horizon < train.end; t++) {
        if (target.labels[t + horizon]! >= 0 && defined(t)) rows.push(t);
      }
      if (rows.length < 10 * target.nStates) {
        throw specError(ctx.loc.at("/target"), messages.labelsTooFew(`${rows.length} samples`));
      }
      const x = new Float64Array(rows.length * d);
      const y = new Int32Array(rows.length);
      rows.forEach((t, i) => {
        row(t, x, i * d);
        y[i] = target.labels[t + horizon]!;
      });
      const model = fitLogisticRegression(x, y, target.nStates, {
        l2: config.l2,
        iterations: config.iterations,
        learningRate: config.learning_rate,
      });
      const k = target.nStates;
      const labels = new Int32Array(n).fill(-1);
      const probabilities = Array.from({ length: k }, () => new Float64Array(n).fill(Number.NaN));
      const buf = new Float64Array(d);
      for (let t = firstX; t < n; t++) {
        if (!defined(t)) continue;
        row(t, buf, 0);
        const p = predictProbabilities(model, buf);
        let best = 0;
        for (let s = 0; s < k; s++) {
          probabilities[s]![t] = p[s]!;
          if (p[s]! > p[best]!) best = s;
        }
        labels[t] = best;
      }
      const evaluate = (start: number, end: number) => {
        const actual: number[] = [];
        const predicted: number[] = [];
        const persistence: number[] = [];
        for (let t = Math.max(start, firstX); t + horizon < Math.min(end, n); t++) {
          const a = target.labels[t + horizon]!;
          if (a < 0 || labels[t]! < 0) continue;
          actual.push(a);
          predicted.push(labels[t]!);
          persistence.push(Math.max(0, target.labels[t]!));
        }
        return {
          model: classificationReport(actual, predicted, k),
          persistence: classificationReport(actual, persistence, k),
        };
      };
      const inSample = evaluate(train.start, train.end);
      const test = evaluate(ctx.segments.test.start, ctx.segments.test.end);
      return {
        nStates: k,
        stateNames: target.stateNames,
        labels,
        probabilities,
        returns: target.returns,
        ...(target.seriesSymbols ? { seriesSymbols: target.seriesSymbols } : {}),
        model: {
          target: { type: targetType, ...target.model },
          features: options.features as ObservationFeature[],
          lags,
          horizon,
          coefficients: Array.from(model.coefficients),
          mean: Array.from(model.mean),
          std: Array.from(model.std),
          trainLoss: model.loss,
          trainAccuracy: inSample.model.accuracy,
          testAccuracy: test.model.accuracy,
          testConfusionMatrix: test.model.confusionMatrix,
          testSamples: test.model.samples,
          persistenceTestAccuracy: test.persistence.accuracy,
        },
        figures: {
          trainAccuracy: inSample.model.accuracy ?? Number.NaN,
          testAccuracy: test.model.accuracy ?? Number.NaN,
          persistenceTestAccuracy: test.persistence.accuracy ?? Number.NaN,
        },
      };
    },
  };
}
