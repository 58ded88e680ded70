import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { projectPaths } from "../runtime/core/project-paths.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const pascal = (file: string): string =>
  basename(file, ".schema.json")
    .split(/[^a-zA-Z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");

/** Component name for a schema file (`data.schema.json` → `DataSpec`) or one of its $defs. */
function componentName(file: string, def?: string): string {
  if (file === "api.schema.json") return def ?? "Api";
  return def ? `${pascal(file)}_${def}` : `${pascal(file)}Spec`;
}

/** Rewrites `$ref`s between schema files into `#/components/schemas/…` and drops `$id`/`$schema`. */
function rewrite(node: Json, file: string): Json {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, file));
  if (node === null || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$id" || key === "$schema" || key === "$defs") continue;
    if (key === "$ref" && typeof value === "string") {
      const [target, pointer] = value.split("#");
      const targetFile = target ? target : file;
      const def = pointer?.match(/^\/\$defs\/([^/]+)$/)?.[1];
      out.$ref = `#/components/schemas/${componentName(targetFile, def)}`;
      continue;
    }
    out[key] = rewrite(value, file);
  }
  return out;
}

/** Every schema file and its $defs as OpenAPI components. */
function schemaComponents(dir: string): JsonObject {
  const components: JsonObject = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(dir, file), "utf8")) as JsonObject;
    const defs = (schema.$defs ?? {}) as JsonObject;
    for (const [name, def] of Object.entries(defs))
      components[componentName(file, name)] = rewrite(def, file);
    if (file !== "api.schema.json") components[componentName(file)] = rewrite(schema, file);
  }
  return components;
}

const json = (schemaRef: string): JsonObject => ({
  content: { "application/json": { schema: { $ref: `#/components/schemas/${schemaRef}` } } },
});
const errorResponse = (description: string): JsonObject => ({ description, ...json("Error") });
const secured: JsonObject = { security: [{ bearer: [] }, { apiKey: [] }] };

function operation(summary: string, role: string | null, extra: JsonObject = {}): JsonObject {
  const responses: JsonObject = { "200": { description: "OK" } };
  if (role) {
    responses["401"] = errorResponse("missing or invalid credentials");
    responses["403"] = errorResponse(`needs role ${role}`);
  }
  return {
    summary,
    ...(role ? { ...secured, description: `Requires role: ${role}.` } : { security: [] as Json[] }),
    ...extra,
    responses: { ...responses, ...((extra.responses as JsonObject | undefined) ?? {}) },
  };
}

const nameParam = { name: "name", in: "path", required: true, schema: { type: "string" } };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const queryParam = (
  name: string,
  description: string,
  schema: JsonObject = { type: "string" },
) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const runQueryParameters = [
  queryParam("columns", "metrics and run fields, comma-separated: sharpe,cagr,maxDrawdown,status"),
  queryParam("sort", "sort keys, comma-separated, - for descending: -sharpe,started"),
  queryParam("filter", "e.g. sharpe > 1 and name ~ swx"),
  queryParam("limit", "rows (default store.query.default_limit)", { type: "integer", minimum: 1 }),
  queryParam("offset", "rows to skip", { type: "integer", minimum: 0 }),
];

/** The OpenAPI 3.1 document of the server, built from the JSON Schemas in schemas/. */
export function buildOpenApi(version: string, schemasDir = projectPaths.schemas()): JsonObject {
  return {
    openapi: "3.1.0",
    // No `jsonSchemaDialect`: the OpenAPI 3.1 default (the OAS base dialect, JSON Schema
    // 2020-12 plus the OpenAPI vocabulary) is what the schemas use, and Swagger UI
    // shows an error banner for any other value (server/routes/docs.ts).
    info: {
      title: "DRL Workbench API",
      version,
      description:
        "Model registry, predictions with the model's risk overlay, runs and backtest jobs.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      },
      schemas: {
        ...schemaComponents(schemasDir),
        Error: {
          type: "object",
          required: ["error", "message"],
          properties: {
            error: { type: "string" },
            message: { type: "string" },
            requestId: { type: "string" },
            details: {},
          },
        },
      },
    },
    paths: {
      "/health": { get: operation("Liveness", null) },
      "/ready": {
        get: operation(
          "Readiness: the registry can be read (else 503); also the tracking store (`store`: ok | unavailable, then `status: degraded`, still 200) and the prediction log's counters",
          null,
        ),
      },
      "/metrics": { get: operation("Prometheus metrics", null) },
      "/models": { get: operation("List registered models", "viewer") },
      "/models/{name}": {
        get: operation("A model with its versions and aliases", "viewer", {
          parameters: [nameParam],
        }),
      },
      "/models/{name}/versions/{version}": {
        get: operation(
          "One version: artifact, lineage, metrics, tags and its model signature",
          "viewer",
          {
            description:
              "Requires role: viewer. `signature` (ModelSignature) says what the model decides from: the observation's layout (features × window × symbols, then the env's position or weights; dtype, shape), the action space and the env's transform, the outputs (target weight per symbol + cash), and for predict-from-bars the columns, the fewest bars and whether the whole history since the run's first bar is needed. `signature` is null (with `unservable` saying how to re-register) for a model registered before signatures existed.",
            responses: {
              "200": {
                description: "the version with its signature",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        signature: {
                          oneOf: [
                            { $ref: "#/components/schemas/ModelSignature" },
                            { type: "null" },
                          ],
                        },
                        unservable: { type: "string" },
                      },
                    },
                  },
                },
              },
            },
            parameters: [
              nameParam,
              { name: "version", in: "path", required: true, schema: { type: "string" } },
            ],
          },
        ),
        delete: operation("Delete a version and collect unreferenced artifacts", "admin", {
          parameters: [
            nameParam,
            { name: "version", in: "path", required: true, schema: { type: "string" } },
          ],
        }),
      },
      "/models/{name}/aliases": {
        post: operation("Point an alias at a version", "researcher", {
          parameters: [nameParam],
          requestBody: { required: true, ...json("AliasRequest") },
        }),
      },
      "/models/{name}/predict": {
        post: operation("Predict actions and risk-checked target weights", "viewer", {
          description:
            "Requires role: viewer. Two forms. (1) `observation` / `observations`: ready observation vectors as the model's env builds them (layout in the version's signature); answers `action`/`actions` and `weights` after the env's action transform and the risk overlay. (2) `bars`: recent OHLCV bars per symbol (as many as `signature.bars.minimum`, from the run's first bar when `signature.bars.fromStart`); the server computes the features with the run's code, builds the observation and steps the env's book as the env does (pass back `envState`), applies the action transform and the risk overlay with the prices sent and the caller's `portfolio` (equity, peak, weights, bar), and answers `targets` (weight per symbol), `cash`, `weights`, `proposed` (before risk), `action`, `riskEvents`, `riskState` and `envState` to pass back with the next bar. A regime-switched model (`signature.regime`) labels the bars with the detector its run fitted, switches the target by the regime at the decision bar before the risk overlay, and answers `regime` (`label`, `state`); it decides from bars only.",
          parameters: [nameParam],
          requestBody: { required: true, ...json("PredictRequest") },
          responses: {
            "400": errorResponse(
              "the body does not match PredictRequest, or the bars are too few, unsorted, non-finite, of other symbols, or do not cover what the features and risk rules read (the message names the field)",
            ),
          },
        }),
      },
      "/runs": {
        get: operation("List runs: the run folders, or a query of the tracking store", "viewer", {
          description:
            "Requires role: viewer. Without query parameters: the run folders (`{ runs }`, corrupt ones with their problems). With any of `columns`, `sort`, `filter`, `limit`, `offset`: the runs the tracking store indexes, filtered and sorted in the store (`RunQueryResult`). The filter language: comparisons (`sharpe > 1`, `maxDrawdown >= -0.2`, `status = complete`, `name ~ swx`, `param.backtest.costs.commission < 0.001`, `tag.owner = ana`) joined with `and`, `or`, `not` and parentheses; see docs/store.md. Bounds: the server configuration's `store.query`.",
          parameters: runQueryParameters,
          responses: {
            "200": {
              description: "the run folders, or with query parameters a RunQueryResult",
              content: {
                "application/json": {
                  schema: {
                    oneOf: [
                      { $ref: "#/components/schemas/RunQueryResult" },
                      {
                        type: "object",
                        required: ["runs"],
                        properties: { runs: { type: "array", items: { type: "object" } } },
                      },
                    ],
                  },
                },
              },
            },
            "400": errorResponse(
              "the query is not valid: the message shows the filter with a caret under the problem; `details` has the `part` (filter, columns, sort, limit, offset) and the filter's `column`",
            ),
            "503": errorResponse("the tracking store cannot be reached"),
          },
        }),
      },
      "/runs/{id}": {
        get: operation("One run: record, metrics, files", "viewer", { parameters: [idParam] }),
      },
      "/runs/{id}/report": {
        get: operation("The run's HTML tear sheet", "viewer", { parameters: [idParam] }),
      },
      "/backtests": {
        post: operation("Run a spec asynchronously (in a worker process)", "researcher", {
          requestBody: { required: true, ...json("BacktestRequest") },
          responses: {
            "202": { description: "queued; poll /jobs/{id}" },
            "429": errorResponse("the caller has jobs.max_queued_per_user unfinished jobs"),
            "503": errorResponse(
              "the job queue is full (jobs.max_queued) or the server is stopping",
            ),
          },
        }),
      },
      "/jobs/{id}": {
        get: operation("A job's status and result", "viewer", {
          parameters: [idParam],
          responses: {
            "200": {
              description:
                "the job; a failed one has `error` and, when its spec was at fault, `diagnostics`: " +
                "{ file (relative to the workspace; `spec` for an inline spec), line, col, path " +
                "(JSON pointer), message, hint, severity } per problem",
            },
          },
        }),
        delete: operation("Cancel a job (its submitter or an admin)", "researcher", {
          parameters: [idParam],
          responses: {
            "200": { description: "the queued job was cancelled" },
            "202": { description: "the running job's worker is stopping; poll /jobs/{id}" },
            "404": errorResponse("no such job"),
            "409": errorResponse("the job has already finished"),
          },
        }),
      },
    },
  };
}
