import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { limitsMessages } from "../../runtime/messages/limits.js";
import { sendError } from "./errors.js";

export interface JsonBodyLimits {
  /** Largest body in bytes (http.body_limit_bytes); larger ones get 413. */
  readonly limitBytes: number;
  /** Deepest nesting of arrays and objects (limits.json_max_depth); deeper bodies get 400. */
  readonly maxDepth: number;
}

/** A body refused before parsing; body-parser passes its status and type to the error handler. */
class BodyRefused extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = "entity.too.deep";
}

function decode(buf: Buffer, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(buf);
  } catch {
    return buf.toString("utf8");
  }
}

/**
 * True when `text` (JSON) nests arrays and objects deeper than `max`. One
 * pass over the characters, no recursion, stopping at the first level too
 * many; brackets inside strings do not count.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Where JSON.parse stopped, as line and column: V8's own message quotes the body. */
function notJson(error: unknown, body: unknown): string {
  const detail = error instanceof Error ? error.message : "";
  const position = /at position (\d+)/.exec(detail)?.[1];
  if (position === undefined || typeof body !== "string") return limitsMessages.bodyNotJson();
  const before = body.slice(0, Number(position));
  const line = before.split("\n").length;
  return limitsMessages.bodyNotJsonAt(line, Number(position) - before.lastIndexOf("\n"));
}

const escapeKey = (key: string | number) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * The JSON pointer of the first number in `value` that is not finite
 * (`1e309` parses to Infinity), or undefined. Iterative: the depth is
 * already bounded, but a walk needs no stack of its own either way.
 */
export function firstNonFinite(value: unknown): string | undefined {
  const stack: { value: unknown; pointer: string }[] = [{ value, pointer: "" }];
  while (stack.length > 0) {
    const { value: v, pointer } = stack.pop()!;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return pointer;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i], pointer: `${pointer}/${i}` });
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        stack.push({
          value: (v as Record<string, unknown>)[key],
          pointer: `${pointer}/${escapeKey(key)}`,
        });
      }
    }
  }
  return undefined;
}

/**
 * JSON request bodies within limits: at most `limitBytes` (413 beyond), nested
 * at most `maxDepth` levels (400, checked on the raw text before JSON.parse
 * builds anything), and every number finite (400 naming the field).
 */
export function jsonBody(limits: JsonBodyLimits): RequestHandler[] {
  const parse = express.json({
    limit: limits.limitBytes,
    strict: true,
    verify: (_req, _res, buf, encoding) => {
      if (nestsDeeperThan(decode(buf, encoding), limits.maxDepth))
        throw new BodyRefused(limitsMessages.bodyTooDeep(limits.maxDepth));
    },
  });
  const parseWithinLimits = (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const type = (error as { type?: unknown }).type;
      if (type === "entity.too.large")
        return sendError(
          res,
          413,
          "payload_too_large",
          limitsMessages.bodyTooLarge(limits.limitBytes),
        );
      if (error instanceof BodyRefused) return sendError(res, 400, "invalid_body", error.message);
      if (type === "entity.parse.failed")
        return sendError(
          res,
          400,
          "invalid_body",
          notJson(error, (error as { body?: unknown }).body),
        );
      next(error);
    });
  const finite = (req: Request, res: Response, next: NextFunction) => {
    const pointer = req.body === undefined ? undefined : firstNonFinite(req.body);
    if (pointer === undefined) return next();
    const message = limitsMessages.bodyNotFinite(pointer);
    sendError(res, 400, "invalid_body", message, [{ path: pointer.slice(0, 120) || "/", message }]);
  };
  return [parseWithinLimits, finite];
}
