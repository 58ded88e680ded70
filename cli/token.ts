import { join } from "node:path";
import { createApiKey } from "../server/auth/api-keys.js";
import { createToken } from "../server/auth/jwt.js";
import { isRole, ROLES, type Role } from "../server/auth/roles.js";
import { loadSigningSecret } from "../server/auth/secret.js";
import { formatLifetime, parseLifetime } from "../server/auth/token-lifetime.js";
import { validateServerConfig } from "../server/config/load-config.js";
import { UserError } from "../runtime/core/errors.js";
import { credentialsMessages } from "../runtime/messages/credentials.js";
import { defaultRegistryRoot } from "../runtime/registry/index.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface TokenOptions {
  readonly role: string;
  readonly subject?: string;
  readonly expires?: string;
  /** Longest lifetime `--expires` may ask for (default: the server's `auth.max_token_lifetime_seconds` default). */
  readonly maxLifetime?: string;
  readonly registry?: string;
  readonly json?: boolean;
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw new UserError(credentialsMessages.roleInvalid(ROLES, role));
  return role;
}

/** Lifetime of the new token in seconds: positive and at most the maximum, else a UserError (exit 2). */
function checkLifetime(options: TokenOptions): number {
  const max =
    options.maxLifetime === undefined
      ? validateServerConfig({}).auth.max_token_lifetime_seconds
      : parseLifetime(options.maxLifetime);
  if (max === undefined)
    throw new UserError(credentialsMessages.maxLifetimeInvalid(options.maxLifetime ?? ""));
  const given = options.expires ?? "12h";
  const lifetime = parseLifetime(given);
  if (lifetime === undefined)
    throw new UserError(credentialsMessages.expiresInvalid(given, formatLifetime(max)));
  if (lifetime > max)
    throw new UserError(credentialsMessages.expiresTooLong(given, formatLifetime(max)));
  return lifetime;
}

/**
 * `drlwb token create --role R [--expires 12h] [--max-lifetime 90d]`: a signed
 * bearer token for the server. The lifetime must be positive and at most the
 * maximum (the server refuses longer-lived tokens anyway).
 */
export async function tokenCreateCommand(options: TokenOptions, io: CliIO): Promise<ExitCode> {
  const role = checkRole(options.role);
  const lifetimeSeconds = checkLifetime(options);
  const secret = loadSigningSecret(options.registry ?? defaultRegistryRoot());
  const token = await createToken(secret, {
    subject: options.subject ?? `${process.env.USER ?? "user"}`,
    role,
    lifetimeSeconds,
  });
  if (options.json) printJson(io, { token, role });
  else io.stdout.write(`${token}\n`);
  return EXIT.ok;
}

/** `drlwb token api-key --name N --role R`: a service-account key (shown once, stored hashed). */
export function apiKeyCreateCommand(name: string, options: TokenOptions, io: CliIO): ExitCode {
  const role = checkRole(options.role);
  const root = options.registry ?? defaultRegistryRoot();
  const { key, record } = createApiKey(join(root, "api-keys.json"), name, role);
  if (options.json) printJson(io, { key, id: record.id, name, role });
  else io.stdout.write(`${key}\n`);
  return EXIT.ok;
}
