/**
 * The one `StageOutputs` map: stage kind → the type its stage produces.
 *
 * runtime/core/stage.ts declares `StageOutputs` empty, because core must not
 * import the domains; this module fills it by declaration merging. It lives
 * in runtime/run/, the layer that wires every domain's stage into a plan
 * (default-stages.ts) and so already knows them all. A domain stage is typed
 * `Stage<"backtest", "data" | "signal", "risk">` against core alone and reads
 * `input.signal` as the signal stage's type named here; the executor passes
 * it exactly the outputs it declares. A kind missing from the table fails to
 * compile below.
 */
import type { AgentSignal } from "../agents/stage.js";
import type { TrainedAgent } from "../agents/train-stage.js";
import type { BacktestOutcome } from "../backtest/outcome.js";
import type { TargetSignal } from "../contracts/signal.js";
import type { StageKind, StageOutputs } from "../core/stage.js";
import type { MarketDataset } from "../data/market-dataset.js";
import type { FeaturePanel } from "../contracts/panel.js";
import type { RegimeResult } from "../regime/result.js";
import type { Registration } from "../registry/stage.js";
import type { ReportStageOutput } from "../report/stage.js";
import type { RiskStageOutput } from "../risk/risk-document.js";

declare module "../core/stage.js" {
  interface StageOutputs {
    /** The loaded, checked and aligned dataset with its segments. */
    readonly data: MarketDataset;
    /** The spec's indicators on the aligned panel. */
    readonly features: FeaturePanel;
    /** Labels, probabilities and regime statistics (and the switching allocation). */
    readonly regime: RegimeResult;
    /** Target weights: a rule-based strategy's, or a trained agent's with its model and evaluation. */
    readonly signal: TargetSignal | AgentSignal;
    /** `drlwb train`: the agent of a `kind: agent` spec trained on its control env, and its scores. */
    readonly train: TrainedAgent;
    /** The risk overlay the backtest applies bar by bar, and the risk.json document it was built from. */
    readonly risk: RiskStageOutput;
    /** Strategy, benchmark and baseline results on the chosen segment. */
    readonly backtest: BacktestOutcome;
    /** Where the tear sheet was written, its KPI alerts and notifications. */
    readonly report: ReportStageOutput;
    /** The registered model version. */
    readonly register: Registration;
  }
}

/** Compile-time guard: fails to compile while a stage kind has no entry in the map. */
type NoneMissing<T extends never> = T;
export type StageOutputsComplete = NoneMissing<Exclude<StageKind, keyof StageOutputs>>;
