import { join } from "node:path";
import express, { type Express } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import helmet from "helmet";
import pino, { type Logger } from "pino";
import type { ModelRegistry } from "../runtime/registry/index.js";
import type { PredictorLoader } from "../runtime/serving/predictor.js";
import { readApiKeys } from "./auth/api-keys.js";
import type { ServerConfig, WorkspaceDirs } from "./config/load-config.js";
import { JobQueue } from "./jobs.js";
import { createServerMetrics, type ServerMetrics } from "./metrics.js";
import { auditLog } from "./middleware/audit.js";
import { authenticate, principalOf } from "./middleware/authenticate.js";
import { errorHandler, sendError } from "./middleware/errors.js";
import { requestContext } from "./middleware/request-context.js";
import { createBodyValidators } from "./middleware/validate-body.js";
import { ModelCache } from "./model-cache.js";
import { buildOpenApi } from "./openapi.js";
import { backtestRoutes, type SpecRunner } from "./routes/backtests.js";
import { docsRoutes } from "./routes/docs.js";
import { healthRoutes } from "./routes/health.js";
import { modelRoutes } from "./routes/models.js";
import { predictRoutes } from "./routes/predict.js";
import { runRoutes } from "./routes/runs.js";

export interface AppOptions {
  readonly registry: ModelRegistry;
  readonly loadPredictor: PredictorLoader;
  readonly runSpec: SpecRunner;
  /** HMAC secret for bearer tokens. */
  readonly secret: Uint8Array;
  /** The validated configuration (schemas/server.schema.json) and its workspace folders. */
  readonly config: ServerConfig;
  readonly workspace: WorkspaceDirs;
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
  readonly jobs: JobQueue;
  readonly models: ModelCache;
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
  const jobs = new JobQueue();
  const models = new ModelCache(options.registry, options.loadPredictor, (name, _v, seconds) =>
    metrics.modelLoadSeconds.observe({ model: name }, seconds),
  );
  const validators = createBodyValidators();
  const apiKeysFile = options.apiKeysFile ?? join(options.registry.root, "api-keys.json");
  const { config, workspace } = options;
  const runsDir = workspace.runs;
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
  app.use(express.json({ limit: config.http.body_limit_bytes, strict: true }));
  app.use(authenticate({ secret: options.secret, apiKeys: () => readApiKeys(apiKeysFile) }));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: config.http.rate_limit_per_minute,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      keyGenerator: (req, res) =>
        principalOf(res)?.subject ?? `ip:${ipKeyGenerator(req.ip ?? "0.0.0.0")}`,
      handler: (_req, res) =>
        sendError(res, 429, "rate_limited", "too many requests; slow down and retry later"),
    }),
  );
  const audit = auditLog(options.auditFile ?? join(options.registry.root, "audit.log"));

  app.use(healthRoutes(options.registry, version));
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(docsRoutes(buildOpenApi(version)));
  app.use(modelRoutes(options.registry, validators, audit));
  app.use(predictRoutes(models, validators, metrics));
  app.use(runRoutes(runsDir));
  app.use(
    backtestRoutes({
      jobs,
      validators,
      specsDir: workspace.specs,
      runsDir,
      runSpec: options.runSpec,
      audit,
    }),
  );
  app.use((req, res) => sendError(res, 404, "not_found", `no route ${req.method} ${req.path}`));
  app.use(
    errorHandler((error, req) =>
      logger.error({ err: error, requestId: req.get("x-request-id") }, "unhandled"),
    ),
  );
  return { app, metrics, jobs, models };
}
