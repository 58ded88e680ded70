import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics of one server instance (its own registry: no global state). */
export function createServerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // What the prediction log holds now, read at each scrape (server/prediction-logging.ts sets the reader).
  let bufferedRows: () => number = () => 0;
  return {
    registry,
    predictionLogRows: new Counter({
      name: "drlwb_prediction_log_rows_total",
      help: "Prediction log rows written to the tracking store",
      registers: [registry],
    }),
    predictionLogDropped: new Counter({
      name: "drlwb_prediction_log_dropped_total",
      help: "Prediction log rows dropped: buffer_full (the buffer was full) or store_error (their batch failed twice)",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    predictionLogBuffered: new Gauge({
      name: "drlwb_prediction_log_buffered_rows",
      help: "Prediction log rows waiting in memory for the tracking store",
      registers: [registry],
      collect() {
        this.set(bufferedRows());
      },
    }),
    /** Makes the buffered-rows gauge read `read()` at each scrape. */
    watchPredictionLog(read: () => number): void {
      bufferedRows = read;
    },
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
