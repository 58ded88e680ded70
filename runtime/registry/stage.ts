import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { UserError } from "../core/errors.js";
import { specError } from "../core/spec-error.js";
import { sectionLocation, type SpecLocation } from "../core/spec-location.js";
import { interruptionPoint } from "../core/interrupt.js";
import { messages } from "../messages/index.js";
import { writeFileAtomic } from "../core/atomic-write.js";
import { outputFields, type Stage } from "../core/stage.js";
import type { ExperimentSpec, RegimeSpec, RegisterSpec } from "../spec/types.generated.js";
import type { OhlcvPanel } from "../contracts/panel.js";
import { costSectionOf } from "../agents/stage.js";
import { loadSnapshot } from "../agents/io/model-io.js";
import { ARTIFACT_FILES } from "../serving/artifact-files.js";
import { agentSignature, barsUnsupported, strategySignature } from "../serving/signature.js";
import type { ServedRegimeDocument } from "../serving/served-regime.js";
import { createRegimeRegistry } from "../regime/registry.js";
import type { RegimeResult } from "../regime/result.js";
import type { ApiModelSignature } from "../spec/types.generated.js";
import { metricsOf } from "../run/stage-output.js";
import { lockHeld } from "./lock.js";
import type { OpenRegistry } from "./backend.js";
import { defaultRegistryRoot, ModelRegistry } from "./registry.js";
import type { MetricMap, ModelVersion } from "./types.js";

export interface RegisterStageOptions {
  /** The plan has a `risk` stage: copy its risk.json into the model artifact. */
  readonly withRisk?: boolean;
  /**
   * The experiment's sections the model decides from (features, the agent or
   * strategy, backtest costs, risk rules): the artifact's signature, env.json
   * and strategy.json are written from them, so the server decides from bars
   * exactly as the run did. Absent: no signature (such a model is not served).
   */
  /** The regime section's place in the spec (errors about `switching`). */
  readonly regimeLoc?: SpecLocation;
  /**
   * The registry backend the caller chose (the tracking store): the version is
   * recorded through it. Absent: the embedded registry.json (lowdb).
   */
  readonly openRegistry?: OpenRegistry;
  readonly spec?: Pick<
    ExperimentSpec,
    "features" | "agent" | "strategy" | "backtest" | "risk" | "regime"
  >;
}

/**
 * The model's signature and the files the server decides from (env.json for
 * agents, strategy.json for rule strategies), written into the artifact.
 */
async function writeServingFiles(
  artifact: string,
  spec: NonNullable<RegisterStageOptions["spec"]>,
  panel: OhlcvPanel,
  modelDir: string | undefined,
  regimeDocument: ServedRegimeDocument | undefined,
): Promise<void> {
  const risk = spec.risk?.rules;
  const regime = regimeDocument
    ? { regime: { section: regimeDocument.section, stateNames: regimeDocument.stateNames } }
    : {};
  let signature: ApiModelSignature | undefined;
  if (spec.agent && modelDir) {
    const costs = costSectionOf(
      spec.agent,
      spec.backtest ? { backtest: spec.backtest, costs: spec.backtest.costs } : {},
    );
    const { snapshot } = await loadSnapshot(modelDir);
    signature = agentSignature({
      panel,
      features: spec.features ?? [],
      agent: spec.agent,
      costs,
      algo: snapshot.algo,
      observationSize: snapshot.observationSize,
      actionSpace: snapshot.actionSpace,
      normalized: snapshot.observationStats !== null,
      ...(risk ? { risk } : {}),
      ...regime,
    });
    writeFileAtomic(
      join(artifact, ARTIFACT_FILES.env),
      `${JSON.stringify({ env: spec.agent.env, costs }, null, 2)}\n`,
    );
  } else if (spec.strategy) {
    signature = strategySignature({
      panel,
      strategy: spec.strategy,
      ...(risk ? { risk } : {}),
      ...regime,
    });
    writeFileAtomic(
      join(artifact, ARTIFACT_FILES.strategy),
      `${JSON.stringify(spec.strategy, null, 2)}\n`,
    );
  }
  if (signature)
    writeFileAtomic(
      join(artifact, ARTIFACT_FILES.signature),
      `${JSON.stringify(signature, null, 2)}\n`,
    );
}

/**
 * Refuses, when the plan is compiled, a switched model the server could not
 * decide exactly as the run did: a detector that cannot label served bars
 * with the run's own code (`ml`), or an agent that cannot be served from bars
 * (the regime is labelled from them).
 */
function checkSwitchingServable(
  spec: NonNullable<RegisterStageOptions["spec"]>,
  regimeLoc: SpecLocation,
): void {
  const type = spec.regime?.type;
  const detectors = createRegimeRegistry();
  if (type !== undefined && detectors.has(type) && detectors.get(type).label === undefined) {
    const servable = detectors.names().filter((name) => detectors.get(name).label !== undefined);
    throw specError(
      regimeLoc.at("/type"),
      messages.serving.regimeDetectorNotServable(type),
      messages.serving.regimeDetectorHint(servable),
    );
  }
  const why = spec.agent ? barsUnsupported(spec.agent) : undefined;
  if (why !== undefined) {
    throw specError(
      regimeLoc.at("/switching"),
      messages.serving.regimeEnvNotServable(why),
      messages.serving.regimeEnvHint(),
    );
  }
}

/**
 * What a switched model's artifact holds of the regime (regime.json): the
 * spec's section and the detector the regime stage fitted. Labelling the
 * run's own bars with it as the server will must give the regime stage's
 * labels; anything else is a bug, and nothing is registered.
 */
function servedRegimeDocument(
  section: RegimeSpec,
  result: Pick<RegimeResult, "model" | "nStates" | "stateNames" | "labels">,
  panel: OhlcvPanel,
): ServedRegimeDocument {
  const document: ServedRegimeDocument = {
    section,
    nStates: result.nStates,
    stateNames: [...result.stateNames],
    model: result.model,
  };
  const detector = createRegimeRegistry().get(section.type);
  const labels = detector.label?.(section, result.model, panel, sectionLocation("regime"));
  const differs = labels?.findIndex((label, t) => label !== result.labels[t]) ?? 0;
  if (labels === undefined || labels.length !== result.labels.length || differs >= 0)
    throw new Error(messages.serving.regimeLabelsDiffer(Math.max(differs, 0)));
  return document;
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
): Stage<"register", "data" | "signal" | "backtest", "risk" | "regime"> {
  // A switched model is served with the run's regime labelling and switching; what cannot be is refused here.
  const switched = options.spec?.regime?.switching !== undefined;
  if (switched && options.spec)
    checkSwitchingServable(options.spec, options.regimeLoc ?? sectionLocation("regime"));
  return {
    kind: "register",
    type: "model-registry",
    inputs: [
      "data",
      "signal",
      ...(options.withRisk ? (["risk"] as const) : []),
      ...(switched ? (["regime"] as const) : []),
      "backtest",
    ],
    config: section,
    produces: REGISTRATION_FIELDS,
    reads: {
      data: ["hash", "panel"],
      signal: ["modelDir"],
      ...(options.withRisk ? { risk: ["document"] } : {}),
      ...(switched ? { regime: ["model", "nStates", "stateNames", "labels"] } : {}),
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
      const regime =
        input.regime && options.spec?.regime
          ? servedRegimeDocument(options.spec.regime, input.regime, input.data.panel)
          : undefined;
      if (regime)
        writeFileAtomic(
          join(artifact, ARTIFACT_FILES.regime),
          `${JSON.stringify(regime, null, 2)}\n`,
        );
      if (options.spec)
        await writeServingFiles(artifact, options.spec, input.data.panel, modelDir, regime);
      const specFile = join(ctx.run.dir, "spec.resolved.yaml");
      if (existsSync(specFile))
        writeFileSync(join(artifact, "spec.resolved.yaml"), readFileSync(specFile));
      const metrics = flattenMetrics(metricsOf(input.backtest));
      writeFileSync(join(artifact, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
      const lineage = {
        runId: ctx.run.id,
        specHash: ctx.run.specHash,
        dataHash: input.data.hash,
        code: ctx.run.code,
        seed: ctx.seed,
      };
      const registerInput = {
        name: section.model,
        sourceDir: artifact,
        lineage,
        metrics,
        ...(section.description ? { description: section.description } : {}),
        tags: { ...section.tags, signal: modelDir ? "agent" : "strategy" },
        aliases: section.aliases,
      };
      let version: ModelVersion;
      let registryRoot: string;
      if (options.openRegistry) {
        // The backend the caller chose (the tracking store): the version is recorded in
        // one transaction there, whole or not at all; the artifact goes to the folder.
        await interruptionPoint(ctx.signal);
        const registry = await options.openRegistry(
          resolve(section.registry ?? defaultRegistryRoot()),
        );
        try {
          version = await registry.registerModel(registerInput);
        } finally {
          await registry.close();
        }
        registryRoot = registry.root;
      } else {
        const registry = new ModelRegistry(section.registry);
        await awaitRegistryLock(join(registry.root, ".lock"), ctx.signal);
        await interruptionPoint(ctx.signal);
        // From here to the return: synchronous, so a registration is whole or absent.
        version = registry.registerModel(registerInput);
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
        registryRoot = registry.root;
      }
      const registration: Registration = {
        model: section.model,
        version: version.version,
        artifact: version.artifact,
        registry: registryRoot,
      };
      ctx.artifacts.writeJson("registration.json", registration);
      ctx.logger.log("info", messages.registry.registered(section.model, version.version));
      return registration;
    },
  };
}
