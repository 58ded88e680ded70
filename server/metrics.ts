import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** Prometheus metrics of one server instance (its own registry: no global state). */
export function createServerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: "drlwb_http_request_duration_seconds",
      help: "HTTP request latency by route",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    predictions: new Counter({
      name: "drlwb_predictions_total",
      help: "Observations predicted, by model and version",
      labelNames: ["model", "version"] as const,
      registers: [registry],
    }),
    modelLoadSeconds: new Histogram({
      name: "drlwb_model_load_seconds",
      help: "Time to load a model version",
      labelNames: ["model"] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;
