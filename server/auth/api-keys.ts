import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { writeFileAtomic } from "../../runtime/core/atomic-write.js";
import { readJsonStateFile, StateFileError } from "../../runtime/core/state-file.js";
import { stateFilesMessages } from "../../runtime/messages/state-files.js";
import { assertPrivateFile, PRIVATE_FILE_MODE } from "./private-file.js";
import { isRole, type Principal, type Role } from "./roles.js";

/** A service account's key, stored as a sha256 digest only. */
export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly sha256: string;
  readonly createdAt: string;
}

const digest = (key: string): string => createHash("sha256").update(key).digest("hex");

function isApiKeyRecord(value: unknown): value is ApiKeyRecord {
  if (value === null || typeof value !== "object") return false;
  const get = (key: string): unknown =>
    Object.hasOwn(value, key) ? Reflect.get(value, key) : undefined;
  return (
    typeof get("id") === "string" &&
    typeof get("name") === "string" &&
    isRole(get("role")) &&
    typeof get("sha256") === "string" &&
    typeof get("createdAt") === "string"
  );
}

/** The key records of `file` (none when it does not exist); a corrupt file is a StateFileError naming it. */
export function readApiKeys(file: string): ApiKeyRecord[] {
  if (!existsSync(file)) return [];
  const value = readJsonStateFile(file);
  if (!Array.isArray(value)) throw new StateFileError(file, stateFilesMessages.notAList());
  const records = value.filter(isApiKeyRecord);
  if (records.length !== value.length)
    throw new StateFileError(
      file,
      stateFilesMessages.badApiKeyRecord(value.findIndex((v) => !isApiKeyRecord(v))),
    );
  return records;
}

/** Checks the key file once at start-up: private (0600) and readable. */
export function checkApiKeysFile(file: string): void {
  if (!existsSync(file)) return;
  assertPrivateFile(file);
  readApiKeys(file);
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
  if (existsSync(file)) assertPrivateFile(file);
  writeFileAtomic(file, `${JSON.stringify([...readApiKeys(file), record], null, 2)}\n`, {
    mode: PRIVATE_FILE_MODE,
  });
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
