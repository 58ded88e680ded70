import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { UserError } from "../core/errors.js";
import { interruptionPoint } from "../core/interrupt.js";
import { messages } from "../messages/index.js";
import { writeFileAtomic } from "../core/atomic-write.js";
import { outputFields, type Stage } from "../core/stage.js";
import type { RegisterSpec } from "../spec/types.generated.js";
import { metricsOf } from "../run/stage-output.js";
import { lockHeld } from "./lock.js";
import { ModelRegistry } from "./registry.js";
import type { MetricMap } from "./types.js";

export interface RegisterStageOptions {
  /** The plan has a `risk` stage: copy its risk.json into the model artifact. */
  readonly withRisk?: boolean;
}

export interface Registration {
  readonly model: string;
  readonly version: number;
  readonly artifact: string;
  readonly registry: string;
}

/** The run's parameters for experiment tracking: every scalar of the resolved spec as `a.b.c` → value. */
export function specParameters(
  resolvedSpecFile: string,
): Record<string, string | number | boolean> {
  if (!existsSync(resolvedSpecFile)) return {};
  const out: Record<string, string | number | boolean> = {};
  const walk = (value: unknown, path: string): void => {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      out[path] = value;
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}.${i}`);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(parse(readFileSync(resolvedSpecFile, "utf8")), "");
  return out;
}

/** Flattens stage metrics into `a.b` keys with finite numeric values only. */
export function flattenMetrics(value: unknown, prefix = ""): MetricMap {
  const out: MetricMap = {};
  if (value === null || typeof value !== "object") return out;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof v === "number" && Number.isFinite(v)) out[name] = v;
    else if (v && typeof v === "object" && !Array.isArray(v))
      Object.assign(out, flattenMetrics(v, name));
  }
  return out;
}

/** Every field of the register stage's output. */
const REGISTRATION_FIELDS = outputFields<Registration>({
  model: true,
  version: true,
  artifact: true,
  registry: true,
});

/** How long the stage waits for another process's registry lock (then `withLock` decides). */
const LOCK_WAIT_MS = 30_000;

/**
 * Waits without blocking the event loop while another live process holds the
 * registry lock, so a signal stops a registration that is still waiting.
 */
async function awaitRegistryLock(lockDir: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (lockHeld(lockDir) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (signal.aborted) return;
  }
}

/**
 * Registers the run's model: an artifact folder with the trained model's
 * files (for agents), the resolved spec and the metrics, plus lineage (run,
 * spec hash, data hash, code version, seed). Its output carries no metrics,
 * so metrics.json stays identical across reruns while versions count up.
 *
 * Interrupts: the stage prepares the artifact in the run folder, waits for the
 * registry lock interruptibly, checks the run's signal once more, then writes
 * the version and the run record in one synchronous step (no signal handler
 * can run in between), so an interrupted run never leaves a half entry.
 */
export function createRegisterStage(
  section: RegisterSpec,
  options: RegisterStageOptions = {},
): Stage<"register", "data" | "signal" | "backtest", "risk"> {
  return {
    kind: "register",
    type: "model-registry",
    inputs: ["data", "signal", ...(options.withRisk ? (["risk"] as const) : []), "backtest"],
    config: section,
    produces: REGISTRATION_FIELDS,
    reads: {
      data: ["hash"],
      signal: ["modelDir"],
      ...(options.withRisk ? { risk: ["document"] } : {}),
      backtest: ["metrics"],
    },
    // registration.json
    records: ["model", "version", "artifact", "registry"],
    async run(ctx, input) {
      if (!input.signal) throw new UserError(messages.registry.nothingToRegister());
      await interruptionPoint(ctx.signal);
      const artifact = ctx.artifacts.path("artifact");
      mkdirSync(artifact, { recursive: true });
      // An agent's signal carries its saved model; a rule-based strategy's has none.
      const modelDir = "modelDir" in input.signal ? input.signal.modelDir : undefined;
      if (modelDir && existsSync(modelDir)) {
        cpSync(modelDir, join(artifact, "model"), { recursive: true });
      }
      // The risk stage's risk.json: the registered model carries it, so the server applies the same rules.
      if (input.risk) {
        writeFileAtomic(
          join(artifact, "risk.json"),
          `${JSON.stringify(input.risk.document, null, 2)}\n`,
        );
      }
      const specFile = join(ctx.run.dir, "spec.resolved.yaml");
      if (existsSync(specFile))
        writeFileSync(join(artifact, "spec.resolved.yaml"), readFileSync(specFile));
      const metrics = flattenMetrics(metricsOf(input.backtest));
      writeFileSync(join(artifact, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
      const registry = new ModelRegistry(section.registry);
      await awaitRegistryLock(join(registry.root, ".lock"), ctx.signal);
      await interruptionPoint(ctx.signal);
      // From here to the return: synchronous, so a registration is whole or absent.
      const lineage = {
        runId: ctx.run.id,
        specHash: ctx.run.specHash,
        dataHash: input.data.hash,
        code: ctx.run.code,
        seed: ctx.seed,
      };
      const version = registry.registerModel({
        name: section.model,
        sourceDir: artifact,
        lineage,
        metrics,
        ...(section.description ? { description: section.description } : {}),
        tags: { ...section.tags, signal: modelDir ? "agent" : "strategy" },
        aliases: section.aliases,
      });
      registry.recordRun({
        id: ctx.run.id,
        experiment: ctx.run.name,
        status: "complete",
        startedAt: new Date().toISOString(),
        params: { ...specParameters(specFile), seed: ctx.seed, specHash: ctx.run.specHash },
        metrics,
        lineage,
        dir: ctx.run.dir,
      });
      const registration: Registration = {
        model: section.model,
        version: version.version,
        artifact: version.artifact,
        registry: registry.root,
      };
      ctx.artifacts.writeJson("registration.json", registration);
      ctx.logger.log("info", messages.registry.registered(section.model, version.version));
      return registration;
    },
  };
}
