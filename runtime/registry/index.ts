export { hashDirectory } from "./artifacts.js";
export { withLock } from "./lock.js";
export { defaultRegistryRoot, ModelRegistry } from "./registry.js";
export type { RegisterModelInput, VersionComparison, VersionFilter } from "./registry.js";
export type * from "./types.js";
