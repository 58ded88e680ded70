import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  POSITIONS_FILE,
  type PositionsTable,
  parsePositionsCsv,
  parseWeightsCsv,
  WEIGHTS_FILE,
  type WeightsTable,
} from "../../backtest/allocation-files.js";
import type { AllocationSection, AssetContribution } from "../tear-sheet-input.js";

function lastFinite(values: ArrayLike<number>): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i]!)) return values[i]!;
  return Number.NaN;
}

function meanFinite(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n ? sum / n : Number.NaN;
}

/**
 * The capital the run started with: equity at the first bar minus what the
 * symbols had made by then (cash + Σ value − Σ P&L at bar 0).
 */
function initialCapital(positions: PositionsTable): number {
  let capital = positions.cash[0] ?? Number.NaN;
  for (let s = 0; s < positions.symbols.length; s++) {
    capital += (positions.value[s]![0] ?? 0) - (positions.pnl[s]![0] ?? 0);
  }
  return capital;
}

/**
 * The allocations section of a multi-asset run (two symbols or more) from its
 * weights and positions tables: the weights per bar and, per symbol, its P&L
 * at the last bar as a fraction of the initial capital (the contributions add
 * up to the run's return), its mean and final weight.
 */
export function allocationSection(
  weights: WeightsTable,
  positions: PositionsTable,
): AllocationSection | undefined {
  if (weights.symbols.length < 2 || weights.times.length === 0) return undefined;
  const capital = initialCapital(positions);
  const contributions: AssetContribution[] = weights.symbols.map((symbol, s) => {
    const p = positions.symbols.indexOf(symbol);
    const pnl = p < 0 ? Number.NaN : lastFinite(positions.pnl[p]!);
    return {
      symbol,
      pnl,
      contribution: capital > 0 ? pnl / capital : Number.NaN,
      averageWeight: meanFinite(weights.actual[s]!),
      finalWeight: lastFinite(weights.actual[s]!),
    };
  });
  return {
    symbols: weights.symbols,
    times: weights.times,
    target: weights.target,
    targetCash: weights.targetCash,
    actual: weights.actual,
    actualCash: weights.actualCash,
    contributions,
  };
}

/** The allocations section from a run folder's `stages/backtest/weights.csv` and `positions.csv`, if both exist. */
export function allocationsFromRunFolder(runDir: string): AllocationSection | undefined {
  const dir = join(runDir, "stages", "backtest");
  const weightsFile = join(dir, WEIGHTS_FILE);
  const positionsFile = join(dir, POSITIONS_FILE);
  if (!existsSync(weightsFile) || !existsSync(positionsFile)) return undefined;
  return allocationSection(
    parseWeightsCsv(readFileSync(weightsFile, "utf8")),
    parsePositionsCsv(readFileSync(positionsFile, "utf8")),
  );
}
