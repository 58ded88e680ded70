import type { RequestParamHandler } from "express";
import { isModelName, isVersionRef } from "../../runtime/core/ids.js";
import { serverMessages } from "../../runtime/messages/server.js";
import { sendError } from "../middleware/errors.js";

/**
 * Route parameter checks (`router.param`): a model name or version that is
 * not an identifier is answered 400 before any lookup, without echoing it.
 */
export const modelNameParam: RequestParamHandler = (_req, res, next, value: unknown) => {
  if (typeof value === "string" && isModelName(value)) return next();
  sendError(res, 400, "bad_request", serverMessages.badModelName());
};

export const versionParam: RequestParamHandler = (_req, res, next, value: unknown) => {
  if (typeof value === "string" && isVersionRef(value)) return next();
  sendError(res, 400, "bad_request", serverMessages.badVersionRef());
};
