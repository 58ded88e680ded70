import { join } from "node:path";
import express, { type Express } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import helmet from "helmet";
import pino, { type Logger } from "pino";
import type { RegistryBackend } from "../runtime/registry/backend.js";
import type { ModelRegistry } from "../runtime/registry/index.js";
import { asRegistryBackend } from "../runtime/registry/lowdb-backend.js";
import type { PredictorLoader } from "../runtime/serving/predictor.js";
import type { ServerConfig, WorkspaceDirs } from "./config/load-config.js";
import { presentJobError } from "./jobs/job-errors.js";
import { JobPool } from "./jobs/job-pool.js";
import { removeStaleSubmissions } from "./jobs/stale-submissions.js";
import { workerEnvironment } from "./jobs/worker-env.js";
import { createServerMetrics, type ServerMetrics } from "./metrics.js";
import { auditLog } from "./middleware/audit.js";
import { auditFileOf } from "../runtime/registry/audit-log.js";
import { authenticate, principalOf, requireRole } from "./middleware/authenticate.js";
import { errorHandler, sendError } from "./middleware/errors.js";
import { jsonBody } from "./middleware/json-body.js";
import { requestContext } from "./middleware/request-context.js";
import { createBodyValidators } from "./middleware/validate-body.js";
import { ModelCache } from "./model-cache.js";
import { buildOpenApi } from "./openapi.js";
import { backtestRoutes } from "./routes/backtests.js";
import { docsRoutes } from "./routes/docs.js";
import { healthRoutes } from "./routes/health.js";
import { modelRoutes } from "./routes/models.js";
import { predictRoutes } from "./routes/predict.js";
import { runRoutes } from "./routes/runs.js";
import { serverSpecPolicy } from "./spec-policy.js";
import { type ServerStore, serverStore } from "./store.js";
import { type ServerPredictionLog, serverPredictionLog } from "./prediction-logging.js";
import { StoreAuditMirror } from "../runtime/store/audit.js";
import { jobStore } from "./jobs/job-store.js";
import { serverMessages } from "../runtime/messages/server.js";

export interface AppOptions {
  /** The model registry: a backend (`registry.backend` in the configuration), or a lowdb ModelRegistry. */
  readonly registry: ModelRegistry | RegistryBackend;
  readonly loadPredictor: PredictorLoader;
  /** HMAC secret for bearer tokens. */
  readonly secret: Uint8Array;
  /** The validated configuration (schemas/server.schema.json) and its workspace folders. */
  readonly config: ServerConfig;
  readonly workspace: WorkspaceDirs;
  /** The tracking store (server/store.ts); default: opened from `config.store` on first use. */
  readonly store?: ServerStore;
  /** JSON file of service-account API keys (default `<registry>/api-keys.json`). */
  readonly apiKeysFile?: string;
  /** Append-only audit log (default `<registry>/audit.log`). */
  readonly auditFile?: string;
  readonly logger?: Logger;
  readonly version?: string;
}

export interface App {
  readonly app: Express;
  readonly metrics: ServerMetrics;
  /** Backtest jobs, each in a worker process; `drain()` on shutdown. */
  readonly jobs: JobPool;
  readonly models: ModelCache;
  /** The tracking store the routes use; `close()` it on shutdown. */
  readonly store: ServerStore;
  /** The prediction log: `close()` it on shutdown before the store (it drains into it). */
  readonly predictionLog: ServerPredictionLog;
  /** The audit rows on their way to the store: `settle()` on shutdown before the store closes. */
  readonly auditMirror: StoreAuditMirror;
}

/** Route label for metrics: the matched route pattern, never the raw URL (bounded cardinality). */
function routeLabel(req: express.Request): string {
  const route = (req as { route?: { path?: string } }).route?.path;
  return route ? `${req.baseUrl}${route}` : "unmatched";
}

/** The DRL Workbench HTTP API as an Express 5 app (not yet listening). */
export function createApp(options: AppOptions): App {
  const version = options.version ?? "0.0.0";
  const logger = options.logger ?? pino({ level: "silent" });
  const metrics = createServerMetrics();
  const registry = asRegistryBackend(options.registry);
  const models = new ModelCache(registry, options.loadPredictor, (name, _v, seconds) =>
    metrics.modelLoadSeconds.observe({ model: name }, seconds),
  );
  const validators = createBodyValidators();
  const apiKeysFile = options.apiKeysFile ?? join(registry.root, "api-keys.json");
  const { config, workspace } = options;
  const store = options.store ?? serverStore(config, workspace);
  const runsDir = workspace.runs;
  const specPolicy = serverSpecPolicy(config, workspace);
  removeStaleSubmissions(workspace.specs);
  const jobs = new JobPool({
    limits: config.jobs,
    env: () =>
      workerEnvironment(
        process.env,
        [
          ...config.jobs.worker_env,
          ...Object.values(config.specs.secrets).filter((v): v is string => v !== undefined),
        ],
        // The default data cache ($XDG_CACHE_HOME/drlwb/data) stays inside the workspace.
        { XDG_CACHE_HOME: join(workspace.root, ".cache") },
      ),
    presentError: (text) => presentJobError(text, specPolicy, config.jobs.max_error_chars),
    onWorkerDied: (jobId, how, stderrTail) =>
      logger.warn({ jobId, how, stderrTail }, "job worker ended without a result"),
  });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  app.use(requestContext(logger));
  app.use((req, res, next) => {
    const end = metrics.requestDuration.startTimer();
    res.on("finish", () =>
      end({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }),
    );
    next();
  });
  app.use(helmet());
  // Credentials before anything else that costs: failed authentication is throttled
  // per client address before any token or key is verified (and before the body is parsed).
  const auditFile = options.auditFile ?? auditFileOf(registry.root);
  // Audit lines go to the log file and, as rows, to the store's `audit` table.
  const auditMirror = new StoreAuditMirror(() => store.get());
  const predictionLog = serverPredictionLog(store, metrics, logger, workspace.root);
  app.use(
    authenticate({
      secret: options.secret,
      apiKeysFile,
      auditFile,
      auditMirror,
      auth: config.auth,
    }),
  );
  app.use(
    jsonBody({ limitBytes: config.http.body_limit_bytes, maxDepth: config.limits.json_max_depth }),
  );
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.http.rate_limit_per_minute,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator: (req, res) =>
        principalOf(res)?.subject ?? `ip:${ipKeyGenerator(req.ip ?? "0.0.0.0")}`,
      handler: (_req, res) => sendError(res, 429, "rate_limited", serverMessages.rateLimited()),
    }),
  );
  const audit = auditLog(auditFile, auditMirror);

  app.use(healthRoutes(registry, version, { store, predictionLog: predictionLog.log }));
  const metricsGuard =
    config.auth.metrics_role === "none" ? [] : [requireRole(config.auth.metrics_role)];
  app.get("/metrics", ...metricsGuard, async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(docsRoutes(buildOpenApi(version)));
  app.use(modelRoutes(registry, validators, audit));
  app.use(
    predictRoutes(
      models,
      validators,
      metrics,
      {
        maxBars: config.serving.max_bars,
        maxValues: config.serving.max_bar_values,
      },
      predictionLog.log,
    ),
  );
  app.use(runRoutes(runsDir, specPolicy, store));
  app.use(
    backtestRoutes({
      jobs,
      validators,
      specsDir: workspace.specs,
      runsDir,
      audit,
      policy: specPolicy,
      // The store the server itself opened (its URL as the server resolved it), for the run index and registry.
      store: jobStore({ ...store.config, url: store.url }, workspace.root, {}),
      // Jobs register through the backend the server reads (registry.json or the store).
      registryBackend: registry.kind,
    }),
  );
  // The path is not echoed: it is the caller's input (possibly a path of this machine).
  app.use((req, res) => sendError(res, 404, "not_found", serverMessages.noRoute(req.method)));
  app.use(
    errorHandler((error, req) =>
      logger.error({ err: error, requestId: req.get("x-request-id") }, "unhandled"),
    ),
  );
  return { app, metrics, jobs, models, store, predictionLog, auditMirror };
}
