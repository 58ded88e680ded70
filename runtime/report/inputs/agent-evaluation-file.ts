import { existsSync } from "node:fs";
import { join } from "node:path";
import { readJsonStateFile } from "../../core/state-file.js";
import type { SeedScores, VerdictCurves, VerdictFigures } from "../tear-sheet-input.js";

/** Where the agent stage writes its evaluation inside a run folder. */
export const AGENT_EVALUATION_FILE = join("stages", "signal", "evaluation.json");

/**
 * What the report reads of `stages/signal/evaluation.json` (runtime/agents/stage.ts):
 * the seeds' pooled episode scores per segment and the agent's own comparison
 * with buy-and-hold and the rule baseline on the test segment, which runs
 * without the risk overlay.
 */
export interface AgentEvaluationSummary {
  readonly seeds: number;
  readonly episodesPerSeed: number;
  readonly train?: SeedScores;
  readonly valid?: SeedScores;
  readonly test?: SeedScores;
  /** The agent's comparison before the risk overlay (absent in evaluations without one). */
  readonly comparison?: VerdictCurves;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function scores(v: unknown): SeedScores | undefined {
  if (!isObject(v)) return undefined;
  const n = num(v.n);
  const mean = num(v.mean);
  if (n === null || mean === null) return undefined;
  return { n, mean, std: num(v.std) ?? Number.NaN, iqm: num(v.iqm) ?? Number.NaN };
}

function figures(name: unknown, stats: unknown): VerdictFigures | undefined {
  if (typeof name !== "string" || !isObject(stats)) return undefined;
  return {
    name,
    totalReturn: num(stats.totalReturn),
    sharpeRatio: num(stats.sharpeRatio),
    maxDrawdown: num(stats.maxDrawdown),
  };
}

function comparison(v: unknown, agentName: string): VerdictCurves | undefined {
  if (!isObject(v)) return undefined;
  const strategy = figures(agentName, v.agent);
  if (!strategy) return undefined;
  const benchmark = figures("buy_and_hold", v.buyAndHold);
  const baseline = isObject(v.baseline) ? figures(v.baseline.name, v.baseline.stats) : undefined;
  return { strategy, ...(benchmark ? { benchmark } : {}), ...(baseline ? { baseline } : {}) };
}

/** The evaluation file's content as the report reads it; undefined when it is not one. */
export function agentEvaluationSummary(
  value: unknown,
  agentName: string,
): AgentEvaluationSummary | undefined {
  if (!isObject(value)) return undefined;
  const seeds = num(value.seeds);
  const train = scores(value.train);
  if (seeds === null || !train) return undefined;
  const valid = scores(value.valid);
  const test = scores(value.test);
  const compared = comparison(value.comparison, agentName);
  return {
    seeds,
    episodesPerSeed: num(value.episodesPerSeed) ?? Number.NaN,
    train,
    ...(valid ? { valid } : {}),
    ...(test ? { test } : {}),
    ...(compared ? { comparison: compared } : {}),
  };
}

/** The agent's evaluation of a run folder, if its signal stage trained an agent. */
export function readAgentEvaluation(
  runDir: string,
  agentName: string,
): AgentEvaluationSummary | undefined {
  const file = join(runDir, AGENT_EVALUATION_FILE);
  if (!existsSync(file)) return undefined;
  return agentEvaluationSummary(readJsonStateFile(file, AGENT_EVALUATION_FILE), agentName);
}
