import type { DataCache } from "./types.js";

/** `backend: none`: every get misses, nothing is stored. */
export function createNoCache(): DataCache {
  return {
    backend: "none",
    location: "none",
    get: async () => undefined,
    set: async () => {},
    delete: async () => {},
    close: async () => {},
  };
}
