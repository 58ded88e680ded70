import { Router } from "express";
import { modelNameParam } from "./id-params.js";
import { param } from "./params.js";
import type { ValidateFunction } from "ajv";
import type { ApiPredictRequest } from "../../runtime/spec/types.generated.js";
import { servingMessages } from "../../runtime/messages/serving.js";
import type { BarsLimits } from "../../runtime/serving/bars.js";
import type { BarsPrediction, Predictor } from "../../runtime/serving/predictor.js";
import type { ModelCache } from "../model-cache.js";
import { requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";
import { validateBody } from "../middleware/validate-body.js";
import type { ServerMetrics } from "../metrics.js";

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
): Router {
  const router = Router();
  router.param("name", modelNameParam);
  router.post(
    "/models/:name/predict",
    requireRole("viewer"),
    validateBody(validators, "PredictRequest"),
    async (req, res) => {
      // Validated against api.schema.json#/$defs/PredictRequest (defaults filled) by validateBody.
      const body = req.body as ApiPredictRequest;
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
