import { isAbsolute, resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";
import type { StoreDialect } from "./dialect.js";

/** Where a store lives, parsed from `sqlite:<file>` or `postgres://…`. */
export type StoreLocation =
  | {
      readonly dialect: Extract<StoreDialect, "sqlite">;
      /** Absolute file path (never shown to a client). */
      readonly file: string;
      /** The file as the user wrote it: safe to print. */
      readonly display: string;
    }
  | {
      readonly dialect: Extract<StoreDialect, "postgres">;
      readonly connectionString: string;
      /** The URL without its password. */
      readonly display: string;
    };

/**
 * Parses a store URL. `sqlite:` paths are relative to `baseDir` (the workspace
 * root or the current folder); `sqlite::memory:` is an in-memory database.
 */
export function parseStoreLocation(url: string, baseDir: string): StoreLocation {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    if (path === "" || path.includes("\0")) throw new UserError(storeMessages.badLocation(url));
    if (path === ":memory:") return { dialect: "sqlite", file: path, display: url };
    return {
      dialect: "sqlite",
      file: isAbsolute(path) ? path : resolve(baseDir, path),
      display: url,
    };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UserError(storeMessages.badLocation(redactPassword(url)));
    }
    if (parsed.password !== "") parsed.password = "***";
    return { dialect: "postgres", connectionString: url, display: parsed.toString() };
  }
  throw new UserError(storeMessages.badLocation(redactPassword(url)));
}

/** `scheme://user:secret@host` → `scheme://user:***@host`, for messages about unparsable URLs. */
function redactPassword(url: string): string {
  return url.replace(/(\/\/[^/:@]*:)[^@/]*@/, "$1***@");
}

/** The store URL in force: `DRLWB_STORE` when set, else the configured one. */
export function storeUrl(configured: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.DRLWB_STORE;
  return fromEnv !== undefined && fromEnv !== "" ? fromEnv : configured;
}
