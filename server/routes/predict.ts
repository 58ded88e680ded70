import { Router } from "express";
import { modelNameParam } from "./id-params.js";
import { param } from "./params.js";
import type { ValidateFunction } from "ajv";
import type { ApiPredictRequest } from "../../runtime/spec/types.generated.js";
import type { ModelCache } from "../model-cache.js";
import { requireRole } from "../middleware/authenticate.js";
import { sendError } from "../middleware/errors.js";
import { validateBody } from "../middleware/validate-body.js";
import type { ServerMetrics } from "../metrics.js";

/** `POST /models/:name/predict`: observation(s) in, actions and risk-checked target weights out. */
export function predictRoutes(
  cache: ModelCache,
  validators: (name: string) => ValidateFunction,
  metrics: ServerMetrics,
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
      const observations = body.observations ?? [body.observation!];
      const size = predictor.observationSize;
      const wrong = size === undefined ? -1 : observations.findIndex((o) => o.length !== size);
      if (wrong >= 0) {
        const path = body.observations ? `/observations/${wrong}` : "/observation";
        return sendError(
          res,
          400,
          "invalid_body",
          `${path} must have ${size} numbers (has ${observations[wrong]!.length})`,
        );
      }
      const prediction = predictor.predict(observations, {
        deterministic: body.deterministic,
        ...(body.portfolio ? { portfolio: body.portfolio } : {}),
        ...(body.riskState ? { riskState: body.riskState } : {}),
      });
      metrics.predictions.inc(
        { model: predictor.name, version: String(predictor.version) },
        observations.length,
      );
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
