import { join } from "node:path";
import { createApiKey } from "../../server/auth/api-keys.js";
import { createToken } from "../../server/auth/jwt.js";
import { isRole, ROLES, type Role } from "../../server/auth/roles.js";
import { loadSigningSecret } from "../../server/auth/secret.js";
import { UserError } from "../core/errors.js";
import { defaultRegistryRoot } from "../registry/index.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface TokenOptions {
  readonly role: string;
  readonly subject?: string;
  readonly expires?: string;
  readonly registry?: string;
  readonly json?: boolean;
}

function checkRole(role: string): Role {
  if (!isRole(role))
    throw new UserError(`--role must be one of ${ROLES.join(", ")} (got "${role}")`);
  return role;
}

/** `drlwb token create --role R`: a signed bearer token for the server. */
export async function tokenCreateCommand(options: TokenOptions, io: CliIO): Promise<ExitCode> {
  const role = checkRole(options.role);
  const secret = loadSigningSecret(options.registry ?? defaultRegistryRoot());
  const token = await createToken(secret, {
    subject: options.subject ?? `${process.env.USER ?? "user"}`,
    role,
    ...(options.expires ? { expiresIn: options.expires } : {}),
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
