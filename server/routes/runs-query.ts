import type { Request, Response } from "express";
import { runQueryMessages, runQueryServerMessages } from "../../runtime/messages/run-query.js";
import type { SpecPolicy } from "../../runtime/spec/spec-policy.js";
import { scrubPathsDeep } from "../../runtime/spec/workspace-paths.js";
import { RunQueryError } from "../../runtime/store/run-query-error.js";
import { queryRuns, type RunQuery, type RunQueryLimits } from "../../runtime/store/run-query.js";
import { sendError } from "../middleware/errors.js";
import type { ServerStore } from "../store.js";

/** The query parameters that turn `GET /runs` into a store query. */
export const RUN_QUERY_PARAMS = ["columns", "sort", "filter", "limit", "offset"] as const;

export function isRunQuery(req: Request): boolean {
  return RUN_QUERY_PARAMS.some((name) => Object.hasOwn(req.query, name));
}

const WHOLE = /^\d{1,15}$/;

/** One text parameter; a repeated one is refused (`columns` may repeat: its values are joined). */
function single(req: Request, name: (typeof RUN_QUERY_PARAMS)[number]): string | undefined {
  if (!Object.hasOwn(req.query, name)) return undefined;
  const value: unknown = req.query[name];
  if (typeof value === "string") return value;
  throw new RunQueryError(runQueryServerMessages.repeated(name), name);
}

function whole(req: Request, name: "limit" | "offset", limits: RunQueryLimits): number | undefined {
  const text = single(req, name);
  if (text === undefined) return undefined;
  if (WHOLE.test(text)) return Number(text);
  throw new RunQueryError(
    name === "limit"
      ? runQueryMessages.badLimit(text, limits.max_limit)
      : runQueryMessages.badOffset(text),
    name,
  );
}

function columnsOf(req: Request): readonly string[] | undefined {
  if (!Object.hasOwn(req.query, "columns")) return undefined;
  const value: unknown = req.query.columns;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v): v is string => typeof v === "string"))
    throw new RunQueryError(runQueryServerMessages.repeated("columns"), "columns");
  return list;
}

function queryOf(req: Request, limits: RunQueryLimits): RunQuery {
  const columns = columnsOf(req);
  const sort = single(req, "sort");
  const filter = single(req, "filter");
  const limit = whole(req, "limit", limits);
  const offset = whole(req, "offset", limits);
  return {
    ...(columns !== undefined ? { columns } : {}),
    ...(sort !== undefined ? { sort } : {}),
    ...(filter !== undefined ? { filter } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(offset !== undefined ? { offset } : {}),
  };
}

/**
 * `GET /runs?sort=-sharpe&filter=…&columns=…&limit=…&offset=…`: the runs the
 * tracking store indexes (`queryRuns`). A bad query is a 400 whose message
 * shows the filter with a caret (`details`: the part and the column); a store
 * that cannot be opened is a 503. No answer carries a server path.
 */
export async function answerRunQuery(
  req: Request,
  res: Response,
  store: ServerStore,
  limits: RunQueryLimits,
  policy: SpecPolicy,
): Promise<void> {
  try {
    const query = queryOf(req, limits);
    let opened: Awaited<ReturnType<ServerStore["get"]>>;
    try {
      opened = await store.get();
    } catch {
      return sendError(res, 503, "store_unavailable", runQueryServerMessages.storeUnavailable());
    }
    const runs = await queryRuns(opened, query);
    res.json(
      scrubPathsDeep(
        {
          runs,
          limit: query.limit ?? limits.default_limit,
          offset: query.offset ?? 0,
        },
        policy,
      ),
    );
  } catch (error) {
    if (!(error instanceof RunQueryError)) throw error;
    sendError(res, 400, "bad_query", error.message, {
      part: error.part,
      ...(error.column !== undefined ? { column: error.column } : {}),
    });
  }
}
