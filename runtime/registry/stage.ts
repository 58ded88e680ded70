import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { UserError } from "../core/errors.js";
import { interruptionPoint } from "../core/interrupt.js";
import { messages } from "../messages/index.js";
import type { Stage } from "../core/stage.js";
import { metricsOf } from "../run/stage-output.js";
import { lockHeld } from "./lock.js";
import { ModelRegistry } from "./registry.js";
import type { MetricMap } from "./types.js";

/** The `register:` section of an experiment spec. */
export interface RegisterSection {
  /** Registered model name. */
  readonly model: string;
  /** Aliases to point at the new version (e.g. challenger). */
  readonly aliases?: readonly string[];
  readonly description?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Registry folder; default $DRLWB_REGISTRY or ./registry. */
  readonly registry?: string;
}

/** What the register stage reads from earlier stages (all optional except a signal). */
export interface RegisterInput {
  readonly data?: { readonly hash?: string };
  readonly signal?: { readonly modelDir?: string; readonly kind?: string };
  readonly backtest?: unknown;
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
export function createRegisterStage(section: RegisterSection): Stage<RegisterInput, Registration> {
  return {
    kind: "register",
    type: "model-registry",
    inputs: ["signal"],
    config: section,
    async run(ctx, input) {
      if (!input.signal) throw new UserError(messages.registry.nothingToRegister());
      await interruptionPoint(ctx.signal);
      const artifact = ctx.artifacts.path("artifact");
      mkdirSync(artifact, { recursive: true });
      if (input.signal.modelDir && existsSync(input.signal.modelDir)) {
        cpSync(input.signal.modelDir, join(artifact, "model"), { recursive: true });
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
        ...(input.data?.hash ? { dataHash: input.data.hash } : {}),
        code: ctx.run.code,
        seed: ctx.seed,
      };
      const version = registry.registerModel({
        name: section.model,
        sourceDir: artifact,
        lineage,
        metrics,
        ...(section.description ? { description: section.description } : {}),
        tags: {
          ...(section.tags ?? {}),
          signal: input.signal.kind ?? (input.signal.modelDir ? "agent" : "strategy"),
        },
        ...(section.aliases ? { aliases: section.aliases } : {}),
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
