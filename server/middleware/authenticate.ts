import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { NextFunction, Request, Response } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { credentialsMessages } from "../../runtime/messages/credentials.js";
import type { ServerSpec } from "../../runtime/spec/types.generated.js";
import { checkApiKeysFile, matchApiKey, readApiKeys } from "../auth/api-keys.js";
import { FailureThrottle } from "../auth/failure-throttle.js";
import { createTokenVerifier, TokenRefused } from "../auth/jwt.js";
import { type Principal, type Role, roleAtLeast } from "../auth/roles.js";
import type { AuditMirror } from "../../runtime/registry/audit-log.js";
import { type AuthFailureEntry, appendAuditLine, auditPath } from "./audit.js";
import { sendError } from "./errors.js";
import { serverMessages } from "../../runtime/messages/server.js";

export interface AuthConfig {
  readonly secret: Uint8Array;
  /** Service-account keys (checked at start: private and readable). */
  readonly apiKeysFile: string;
  /** Where failed attempts are appended (the audit log). */
  readonly auditFile: string;
  /** Where they are also recorded (the tracking store's `audit` table). */
  readonly auditMirror?: AuditMirror;
  /** The `auth` section of the server configuration. */
  readonly auth: ServerSpec["auth"];
}

export function principalOf(res: Response): Principal | undefined {
  return res.locals.principal as Principal | undefined;
}

/** Longest request path kept in an audit line. */
const MAX_AUDIT_PATH = 200;

/**
 * Establishes who is calling from `Authorization: Bearer <jwt>` or
 * `X-API-Key: <key>`; no credentials leave the request anonymous (routes
 * decide). Failed attempts are throttled per client address BEFORE anything
 * is verified: after `auth.max_failures` failures within
 * `auth.failure_window_seconds`, any further credentials from that address —
 * valid ones included — get 429 until the window ends. Every failed attempt
 * (401 or 429) is appended to the audit log with address, reason and time,
 * never the presented token or key.
 */
export function authenticate(config: AuthConfig) {
  checkApiKeysFile(config.apiKeysFile);
  mkdirSync(dirname(config.auditFile), { recursive: true });
  const verify = createTokenVerifier(config.secret, {
    maxLifetimeSeconds: config.auth.max_token_lifetime_seconds,
  });
  const throttle = new FailureThrottle({
    maxFailures: config.auth.max_failures,
    windowMs: config.auth.failure_window_seconds * 1000,
    maxAddresses: config.auth.tracked_addresses_max,
  });

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get("authorization");
    const key = req.get("x-api-key");
    if (header === undefined && key === undefined) return next();
    const credential = header !== undefined ? "bearer" : "api-key";
    const rawAddress = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const address = ipKeyGenerator(rawAddress);
    const refuse = (status: 401 | 429, reason: string, message: string): void => {
      const entry: AuthFailureEntry = {
        time: new Date().toISOString(),
        event: "auth_failed",
        ...(res.locals.requestId ? { requestId: res.locals.requestId as string } : {}),
        address: rawAddress,
        credential,
        reason,
        method: req.method,
        path: auditPath(req).slice(0, MAX_AUDIT_PATH),
        status,
      };
      appendAuditLine(config.auditFile, entry, config.auditMirror);
      sendError(res, status, status === 429 ? "rate_limited" : "unauthorized", message);
    };

    const retryAfter = throttle.begin(address);
    if (retryAfter !== undefined) {
      res.set("retry-after", String(retryAfter));
      return refuse(429, "throttled", credentialsMessages.throttled(retryAfter));
    }
    let outcome: Awaited<ReturnType<typeof establish>>;
    try {
      outcome = await establish(header, key);
    } catch (error) {
      // Not a refusal (e.g. api-keys.json became unreadable): free the slot, answer 500.
      throttle.succeeded(address);
      return next(new Error(serverMessages.authenticationIncomplete(), { cause: error }));
    }
    if ("principal" in outcome) {
      throttle.succeeded(address);
      res.locals.principal = outcome.principal;
      return next();
    }
    throttle.failed(address);
    refuse(401, outcome.reason, outcome.message);
  };

  async function establish(
    header: string | undefined,
    key: string | undefined,
  ): Promise<{ principal: Principal } | { reason: string; message: string }> {
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match)
        return { reason: "bad_header", message: credentialsMessages.badAuthorizationHeader() };
      try {
        return { principal: await verify(match[1]!) };
      } catch (error) {
        if (error instanceof TokenRefused) return { reason: error.reason, message: error.message };
        throw error;
      }
    }
    const principal = matchApiKey(readApiKeys(config.apiKeysFile), key ?? "");
    return principal
      ? { principal }
      : { reason: "unknown_api_key", message: credentialsMessages.unknownApiKey() };
  }
}

/** 401 without credentials, 403 when the role is below `role`. */
export function requireRole(role: Role) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(res);
    if (!principal)
      return sendError(res, 401, "unauthorized", credentialsMessages.needsCredentials());
    if (!roleAtLeast(principal.role, role)) {
      return sendError(res, 403, "forbidden", credentialsMessages.needsRole(role, principal.role));
    }
    next();
  };
}
