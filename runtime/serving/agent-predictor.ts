import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { initBackend } from "../agents/backend/init-backend.js";
import { targetPosition } from "../agents/envs/single-asset.js";
import type { Action } from "../agents/envs/spaces.js";
import { loadAgent } from "../agents/io/load-agent.js";
import type { PortfolioState } from "../contracts/portfolio.js";
import { compileRiskSection } from "../risk/compile.js";
import type { RiskManager } from "../risk/manager.js";
import type { RiskDocument } from "../risk/risk-document.js";
import type { PortfolioInput, Prediction, Predictor, PredictorLoader } from "./predictor.js";
import { callerRiskState } from "./risk-state.js";
import { resolveSchemaValue } from "../spec/resolve-value.js";
import type { AgentEnvSingleAsset, AgentSpec } from "../spec/types.generated.js";

/**
 * What the server reads of risk.json (the risk stage's document, copied into
 * the model artifact by the register stage): the rules and what they were
 * compiled for; compiling them again checks them.
 */
type SavedRisk = Pick<RiskDocument, "rules" | "symbols" | "periodsPerYear">;

function loadRisk(artifactDir: string): RiskManager | undefined {
  const file = join(artifactDir, "risk.json");
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, "utf8")) as SavedRisk;
  // A trust boundary: the rules are checked against the risk schema (and its defaults filled) again.
  return compileRiskSection(resolveSchemaValue("risk", { rules: saved.rules }, "risk.json"), {
    symbols: saved.symbols,
    periodsPerYear: saved.periodsPerYear,
  });
}

/**
 * What serving reads of the agent section saved with the model (its
 * metadata, an artifact): the env type and, for single_asset, its action
 * scheme (absent only in a model saved without it).
 */
interface SavedAgentSection {
  readonly env: Pick<AgentSpec["env"], "type"> & Partial<Pick<AgentEnvSingleAsset, "actions">>;
}

/** Target weights for an action, by the env the agent was trained in. */
function targetsFor(
  section: SavedAgentSection,
  action: Action,
  current: readonly number[],
): number[] {
  if (section.env.type === "single_asset" && typeof action === "number") {
    return [targetPosition(section.env.actions ?? "short_flat_long", action, current[0] ?? 0)];
  }
  // Continuous envs act in weight space already (clipped to the action box by the agent).
  return typeof action === "number" ? [action] : Array.from(action);
}

function portfolioState(input: PortfolioInput | undefined, symbols: number): PortfolioState {
  const equity = input?.equity ?? 1;
  const weights = Float64Array.from({ length: symbols }, (_, i) => input?.weights?.[i] ?? 0);
  return {
    bar: 0,
    time: Date.now(),
    equity,
    peakEquity: Math.max(equity, input?.peakEquity ?? equity),
    cash: input?.cash ?? equity * (1 - weights.reduce((a, w) => a + Math.abs(w), 0)),
    weights,
    closes: Array.from({ length: symbols }, () => new Float64Array(0)),
  };
}

/**
 * Loads a registered agent for serving: the saved policy, and the risk
 * overlay the run used, applied to every prediction exactly as in the
 * backtest (pure `step`, state passed in and out by the caller).
 */
export function createAgentPredictorLoader(): PredictorLoader {
  return async ({ name, version, artifactDir }) => {
    await initBackend("auto");
    const { agent, metadata } = await loadAgent(join(artifactDir, "model"));
    const section = metadata.section as SavedAgentSection;
    const risk = loadRisk(artifactDir);
    const snapshot = agent.snapshot();
    const predictor: Predictor = {
      name,
      version,
      observationSize: snapshot.observationSize,
      predict(observations, options): Prediction {
        const actions: (number | number[])[] = [];
        const weights: number[][] = [];
        const riskEvents: Prediction["riskEvents"] = [];
        let riskState = callerRiskState(risk, options.riskState) ?? risk?.initialState();
        for (const obs of observations) {
          const action = agent.predict(Float64Array.from(obs), options.deterministic);
          actions.push(typeof action === "number" ? action : Array.from(action));
          const proposed = targetsFor(section, action, options.portfolio?.weights ?? []);
          if (risk && riskState) {
            const step = risk.step(
              Float64Array.from(proposed),
              portfolioState(options.portfolio, proposed.length),
              riskState,
            );
            riskState = step.state;
            riskEvents.push(...step.events);
            weights.push(Array.from(step.targets));
          } else {
            weights.push(proposed);
          }
        }
        return { actions, weights, riskEvents, ...(riskState ? { riskState } : {}) };
      },
      dispose: () => agent.dispose(),
    };
    return predictor;
  };
}
