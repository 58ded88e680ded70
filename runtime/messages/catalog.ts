/**
 * The one catalog of user-facing messages. Each domain keeps its section in a
 * file of its own under runtime/messages/ (spec.ts, data.ts, …) and the
 * sections are assembled here, so every message has a stable id
 * (`spec.unknownKey`) and lives in exactly one place.
 *
 * A message is a function of typed parameters returning the text.
 */
export type MessageFn<P extends unknown[] = never[]> = (...params: P) => string;
export type MessageSection = Record<string, MessageFn<never[]> | ((...args: never[]) => string)>;
