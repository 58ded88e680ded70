export { hashDirectory } from "./artifacts.js";
export { isRegistryStateError, RegistryStateError } from "./document.js";
export { DEFAULT_GC_MIN_AGE_MS } from "./gc.js";
export type { GarbageOptions, GarbageReport, RemovedItem } from "./gc.js";
export { withLock } from "./lock.js";
export { defaultRegistryRoot, ModelRegistry } from "./registry.js";
export type { RegisterModelInput, VersionComparison, VersionFilter } from "./registry.js";
export type * from "./types.js";
