import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../runtime/core/atomic-write.js";

/**
 * The HMAC secret that signs bearer tokens: DRLWB_JWT_SECRET when set (at
 * least 32 characters), else a random secret kept in `<dir>/server-secret`
 * (created on first use, mode 0600).
 */
export function loadSigningSecret(
  dir: string,
  environ: NodeJS.ProcessEnv = process.env,
): Uint8Array {
  const fromEnv = environ.DRLWB_JWT_SECRET;
  if (fromEnv !== undefined) {
    if (fromEnv.length < 32) throw new Error("DRLWB_JWT_SECRET must be at least 32 characters");
    return new TextEncoder().encode(fromEnv);
  }
  const file = join(dir, "server-secret");
  if (!existsSync(file)) writeFileAtomic(file, randomBytes(32).toString("hex"));
  return new TextEncoder().encode(readFileSync(file, "utf8").trim());
}
