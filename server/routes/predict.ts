import { Router } from "express";
import { modelNameParam } from "./id-params.js";
import { param } from "./params.js";
import type { ValidateFunction } from "ajv";
import type { ApiBars, ApiPredictRequest } from "../../runtime/spec/types.generated.js";
import type { PredictionRecord } from "../../runtime/store/prediction-log.js";
import { servingMessages } from "../../runtime/messages/serving.js";
import type { BarsLimits } from "../../runtime/serving/bars.js";
import type { BarsPrediction, Predictor } from "../../runtime/serving/predictor.js";
import type { ModelCache } from "../model-cache.js";
import { requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";
import { validateBody } from "../middleware/validate-body.js";
import type { ServerMetrics } from "../metrics.js";

/** Where the route hands each decision (the server's prediction log). */
export interface PredictionSink {
  append(record: PredictionRecord): void;
}

/** The variant a decision is logged under: the alias the request named, `version`, or `default` (champion, else latest). */
function predictionVariant(body: ApiPredictRequest): string {
  if (body.alias !== undefined) return body.alias;
  return body.version !== undefined ? "version" : "default";
}

/** What a model without an observation (a rule strategy) decided from: each symbol's columns at the decision bar. */
function decisionBar(bars: ApiBars): number[] {
  const out: number[] = [];
  for (const s of bars.symbols)
    for (const column of [s.open, s.high, s.low, s.close, s.volume])
      if (Array.isArray(column)) out.push(column[column.length - 1] ?? Number.NaN);
  return out;
}

/** The answer to a prediction from bars: target weights named by symbol, cash, and the states to pass back. */
function barsAnswer(predictor: Predictor, prediction: BarsPrediction) {
  const symbols = predictor.signature.symbols;
  let invested = 0;
  for (const w of prediction.weights) invested += w;
  return {
    model: predictor.name,
    version: predictor.version,
    bar: prediction.bar,
    time: prediction.time,
    ...(prediction.action !== undefined ? { action: prediction.action } : {}),
    // Object.fromEntries defines own properties: a symbol named like a built-in stays a plain key.
    targets: Object.fromEntries(symbols.map((s, i) => [s, prediction.weights[i]!])),
    cash: 1 - invested,
    weights: prediction.weights,
    proposed: prediction.proposed,
    riskEvents: prediction.riskEvents,
    ...(prediction.riskState !== undefined ? { riskState: prediction.riskState } : {}),
    ...(prediction.envState !== undefined ? { envState: prediction.envState } : {}),
    ...(prediction.regime !== undefined ? { regime: prediction.regime } : {}),
  };
}

/**
 * `POST /models/:name/predict`: observation(s) or recent bars in; actions and
 * risk-checked target weights out (from bars: named by symbol, with the
 * risk and env state to pass back).
 */
export function predictRoutes(
  cache: ModelCache,
  validators: (name: string) => ValidateFunction,
  metrics: ServerMetrics,
  limits: BarsLimits,
  /** The prediction log (runtime/store/prediction-log.ts): every decision is appended, never awaited. */
  log?: PredictionSink,
): Router {
  const router = Router();
  router.param("name", modelNameParam);
  router.post(
    "/models/:name/predict",
    requireRole("viewer"),
    validateBody(validators, "PredictRequest"),
    async (req, res) => {
      const started = performance.now();
      // Validated against api.schema.json#/$defs/PredictRequest (defaults filled) by validateBody.
      const body = req.body as ApiPredictRequest;
      const variant = predictionVariant(body);
      const predictor = await cache.get(param(req, "name"), body.version ?? body.alias);
      const labels = { model: predictor.name, version: String(predictor.version) };
      const options = {
        deterministic: body.deterministic,
        ...(body.portfolio ? { portfolio: body.portfolio } : {}),
        ...(body.riskState ? { riskState: body.riskState } : {}),
      };
      if (body.bars !== undefined) {
        const prediction = predictor.predictBars(body.bars, {
          ...options,
          ...(body.envState ? { envState: body.envState } : {}),
          limits,
        });
        metrics.predictions.inc(labels, 1);
        log?.append({
          time: Date.now(),
          model: predictor.name,
          version: predictor.version,
          variant,
          features: prediction.observation ?? decisionBar(body.bars),
          output: {
            bar: prediction.bar,
            ...(prediction.action !== undefined ? { action: prediction.action } : {}),
            proposed: prediction.proposed,
            weights: prediction.weights,
            ...(prediction.regime !== undefined ? { regime: prediction.regime } : {}),
          },
          riskEvents: prediction.riskEvents,
          latencyMs: performance.now() - started,
        });
        return res.json(barsAnswer(predictor, prediction));
      }
      const observations = body.observations ?? [body.observation!];
      const size = predictor.observationSize;
      const wrong = size === undefined ? -1 : observations.findIndex((o) => o.length !== size);
      if (wrong >= 0) {
        const path = body.observations ? `/observations/${wrong}` : "/observation";
        return sendError(
          res,
          400,
          "invalid_body",
          servingMessages.observationSize(
            path,
            size!,
            observations[wrong]!.length,
            predictor.name,
            predictor.version,
          ),
        );
      }
      const nonFinite = observations.findIndex((o) => o.some((x) => !Number.isFinite(x)));
      if (nonFinite >= 0) {
        const path = body.observations ? `/observations/${nonFinite}` : "/observation";
        return sendError(res, 400, "invalid_body", servingMessages.observationNotFinite(path));
      }
      const prediction = predictor.predict(observations, options);
      metrics.predictions.inc(labels, observations.length);
      if (log !== undefined) {
        const latencyMs = performance.now() - started;
        const time = Date.now();
        observations.forEach((features, i) => {
          log.append({
            time,
            model: predictor.name,
            version: predictor.version,
            variant,
            features,
            output: { action: prediction.actions[i], weights: prediction.weights[i] },
            riskEvents:
              prediction.riskEventsByObservation?.[i] ??
              (observations.length === 1 ? prediction.riskEvents : []),
            latencyMs,
          });
        });
      }
      const single = body.observation !== undefined;
      res.json({
        model: predictor.name,
        version: predictor.version,
        ...(single
          ? { action: prediction.actions[0], weights: prediction.weights[0] }
          : { actions: prediction.actions, weights: prediction.weights }),
        riskEvents: prediction.riskEvents,
        ...(prediction.riskState ? { riskState: prediction.riskState } : {}),
      });
    },
  );
  return router;
}
