import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../runtime/core/atomic-write.js";
import { UserError } from "../../runtime/core/errors.js";
import { credentialsMessages } from "../../runtime/messages/credentials.js";
import { assertPrivateFile, PRIVATE_FILE_MODE } from "./private-file.js";

export const SECRET_FILE = "server-secret";

/**
 * The HMAC secret that signs bearer tokens: DRLWB_JWT_SECRET when set (at
 * least 32 characters), else a random secret kept in `<dir>/server-secret`,
 * created on first use with mode 0600. An existing secret file that group or
 * others can read is refused (UserError naming the file and `chmod 600`).
 */
export function loadSigningSecret(
  dir: string,
  environ: NodeJS.ProcessEnv = process.env,
): Uint8Array {
  const fromEnv = environ.DRLWB_JWT_SECRET;
  if (fromEnv !== undefined) {
    if (fromEnv.length < 32) throw new UserError(credentialsMessages.secretTooShort());
    return new TextEncoder().encode(fromEnv);
  }
  const file = join(dir, SECRET_FILE);
  if (!existsSync(file)) {
    writeFileAtomic(file, randomBytes(32).toString("hex"), { mode: PRIVATE_FILE_MODE });
  }
  assertPrivateFile(file);
  return new TextEncoder().encode(readFileSync(file, "utf8").trim());
}
