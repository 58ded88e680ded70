/**
 * The one catalog of user-facing messages, assembled from one section per
 * domain. Look a message up as `messages.<section>.<id>(…)`.
 */
import { registryMessages } from "./registry.js";
import { runMessages } from "./run.js";

export const messages = {
  run: runMessages,
  registry: registryMessages,
} as const;

export type Messages = typeof messages;
