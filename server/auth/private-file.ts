import { statSync } from "node:fs";
import { UserError } from "../../runtime/core/errors.js";
import { credentialsMessages } from "../../runtime/messages/credentials.js";

/** Mode of files that hold credentials: read and write for the owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Refuses a credentials file (signing secret, API keys) that group or others
 * may read or write: the server and the CLI stop with a message naming the
 * file and the fix (`chmod 600 …`). Not checked on Windows, which has no
 * POSIX modes.
 */
export function assertPrivateFile(
  file: string,
  platform: NodeJS.Platform = process.platform,
): void {
  if (platform === "win32") return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new UserError(credentialsMessages.fileTooOpen(file, mode.toString(8).padStart(3, "0")));
  }
}
