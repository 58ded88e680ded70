import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../../runtime/core/atomic-write.js";
import type { Principal, Role } from "./roles.js";

/** A service account's key, stored as a sha256 digest only. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly sha256: string;
  readonly createdAt: string;
}

const digest = (key: string): string => createHash("sha256").update(key).digest("hex");

export function readApiKeys(file: string): ApiKeyRecord[] {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ApiKeyRecord[]) : [];
}

/** Creates a key for a service account; the clear key is returned once and never stored. */
export function createApiKey(
  file: string,
  name: string,
  role: Role,
): { key: string; record: ApiKeyRecord } {
  const id = randomBytes(4).toString("hex");
  const key = `drlwb_${id}_${randomBytes(24).toString("base64url")}`;
  const record: ApiKeyRecord = {
    id,
    name,
    role,
    sha256: digest(key),
    createdAt: new Date().toISOString(),
  };
  writeFileAtomic(file, `${JSON.stringify([...readApiKeys(file), record], null, 2)}\n`);
  return { key, record };
}

/** The principal for a presented key, comparing digests in constant time. */
export function matchApiKey(
  keys: readonly ApiKeyRecord[],
  presented: string,
): Principal | undefined {
  const presentedDigest = Buffer.from(digest(presented), "hex");
  for (const record of keys) {
    const stored = Buffer.from(record.sha256, "hex");
    if (stored.length === presentedDigest.length && timingSafeEqual(stored, presentedDigest)) {
      return { subject: `key:${record.name}`, role: record.role, via: "api-key" };
    }
  }
  return undefined;
}
