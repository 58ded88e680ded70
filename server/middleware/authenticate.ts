import type { NextFunction, Request, Response } from "express";
import { type ApiKeyRecord, matchApiKey } from "../auth/api-keys.js";
import { createTokenVerifier } from "../auth/jwt.js";
import { type Principal, type Role, roleAtLeast } from "../auth/roles.js";
import { sendError } from "./errors.js";

export interface AuthConfig {
  readonly secret: Uint8Array;
  readonly apiKeys: () => readonly ApiKeyRecord[];
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/**
 * Establishes who is calling from `Authorization: Bearer <jwt>` or
 * `X-API-Key: <key>`. Invalid credentials are refused with 401 at once;
 * no credentials leave the request anonymous (routes decide).
 */
export function authenticate(config: AuthConfig) {
  const verify = createTokenVerifier(config.secret);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get("authorization");
    const key = req.get("x-api-key");
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        return sendError(res, 401, "unauthorized", "expected 'Authorization: Bearer <token>'");
      try {
        res.locals.principal = await verify(match[1]!);
      } catch (error) {
        return sendError(res, 401, "unauthorized", `invalid token: ${(error as Error).message}`);
      }
    } else if (key !== undefined) {
      const principal = matchApiKey(config.apiKeys(), key);
      if (!principal) return sendError(res, 401, "unauthorized", "unknown API key");
      res.locals.principal = principal;
    }
    next();
  };
}

/** 401 without credentials, 403 when the role is below `role`. */
export function requireRole(role: Role) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(res);
    if (!principal)
      return sendError(res, 401, "unauthorized", "this route needs a bearer token or an API key");
    if (!roleAtLeast(principal.role, role)) {
      return sendError(
        res,
        403,
        "forbidden",
        `this route needs the role "${role}" (you have "${principal.role}")`,
      );
    }
    next();
  };
}
