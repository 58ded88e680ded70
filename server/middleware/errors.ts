import type { NextFunction, Request, Response } from "express";
import { isUserError } from "../../runtime/core/errors.js";
import { isRegistryStateError } from "../../runtime/registry/document.js";
import { serverMessages } from "../../runtime/messages/server.js";

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly requestId?: string;
  readonly details?: unknown;
}

export function sendError(
  res: Response,
  status: number,
  error: string,
  message: string,
  details?: unknown,
): void {
  const body: ErrorBody = {
    error,
    message,
    ...(res.locals.requestId ? { requestId: res.locals.requestId as string } : {}),
    ...(details !== undefined ? { details } : {}),
  };
  res.status(status).json(body);
}

/** Last handler: user errors → 400/404, body parser errors → their status, anything else → 500 without internals. */
export function errorHandler(log: (error: unknown, req: Request) => void) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const status =
      (error as { status?: number; statusCode?: number }).status ??
      (error as { statusCode?: number }).statusCode;
    if (isRegistryStateError(error)) {
      log(error, req);
      return sendError(res, 503, "registry_unavailable", error.publicMessage);
    }
    if (isUserError(error)) {
      const notFound = /^no (registered model|run)|has no version/.test(error.message);
      return sendError(
        res,
        notFound ? 404 : 400,
        notFound ? "not_found" : "bad_request",
        error.message,
      );
    }
    if (typeof status === "number" && status >= 400 && status < 500) {
      const type = (error as { type?: string }).type;
      return sendError(
        res,
        status,
        type === "entity.too.large" ? "payload_too_large" : "bad_request",
        (error as Error).message,
      );
    }
    log(error, req);
    sendError(res, 500, "internal", serverMessages.internalError());
  };
}
