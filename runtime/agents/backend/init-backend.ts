import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { tf } from "./tf.js";

/** Which TensorFlow.js backend to use; `auto` tries node → wasm → cpu. */
export type BackendPreference = "auto" | "node" | "wasm" | "cpu";
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** What was chosen and why; recorded in the run folder. */
export interface BackendInfo {
  readonly name: BackendName;
  readonly preference: BackendPreference;
  /** Backends tried before the chosen one, with the reason each was skipped. */
  readonly skipped: readonly { name: BackendName; reason: string }[];
  readonly tfjsVersion: string;
}

const require = createRequire(import.meta.url);

async function tryNode(): Promise<string | undefined> {
  try {
    // Optional dependency: loads libtensorflow when it is installed.
    await import("@tensorflow/tfjs-node" as string);
    return (await tf.setBackend("tensorflow")) ? undefined : "backend did not initialise";
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0] : String(error);
  }
}

async function tryWasm(): Promise<string | undefined> {
  try {
    const wasm = (await import(
      "@tensorflow/tfjs-backend-wasm"
    )) as typeof import("@tensorflow/tfjs-backend-wasm");
    const packageDir = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json"));
    wasm.setWasmPaths(`${join(packageDir, "dist")}/`);
    // The Emscripten module installs process-wide handlers that rethrow any
    // uncaught error with its whole minified source; remove them again.
    const exceptionHandlers = new Set(process.listeners("uncaughtException"));
    const rejectionHandlers = new Set(process.listeners("unhandledRejection"));
    const ok = await tf.setBackend("wasm");
    for (const listener of process.listeners("uncaughtException")) {
      if (!exceptionHandlers.has(listener)) process.removeListener("uncaughtException", listener);
    }
    for (const listener of process.listeners("unhandledRejection")) {
      if (!rejectionHandlers.has(listener)) process.removeListener("unhandledRejection", listener);
    }
    return ok ? undefined : "backend did not initialise";
  } catch (error) {
    return error instanceof Error ? error.message.split("\n")[0] : String(error);
  }
}

async function tryCpu(): Promise<string | undefined> {
  return (await tf.setBackend("cpu")) ? undefined : "backend did not initialise";
}

const attempts: Record<BackendName, () => Promise<string | undefined>> = {
  tensorflow: tryNode,
  wasm: tryWasm,
  cpu: tryCpu,
};

function order(preference: BackendPreference): BackendName[] {
  switch (preference) {
    case "node":
      return ["tensorflow", "wasm", "cpu"];
    case "wasm":
      return ["wasm", "cpu"];
    case "cpu":
      return ["cpu"];
    default:
      return ["tensorflow", "wasm", "cpu"];
  }
}

/**
 * Chooses and initialises the TensorFlow.js backend. `auto` (and `node`) try
 * the native binding first, then WebAssembly, then plain JavaScript; an
 * explicit choice that cannot load falls back the same way and says so in
 * `skipped`. Idempotent: calling again with the backend already active is cheap.
 */
export async function initBackend(preference: BackendPreference = "auto"): Promise<BackendInfo> {
  // Production mode: no console banners or deprecation warnings from tfjs.
  tf.env().set("PROD", true);
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of order(preference)) {
    if (tf.getBackend() === name) {
      return { name, preference, skipped, tfjsVersion: tf.version.tfjs };
    }
    const reason = await attempts[name]();
    if (reason === undefined) {
      await tf.ready();
      return { name, preference, skipped, tfjsVersion: tf.version.tfjs };
    }
    skipped.push({ name, reason });
  }
  throw new Error(`no TensorFlow.js backend could be initialised: ${JSON.stringify(skipped)}`);
}
