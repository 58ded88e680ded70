import { dirname, resolve } from "node:path";
import { createAgentSignalStage } from "../agents/stage.js";
import type { AgentSection } from "../agents/agent-section.js";
import type { BacktestSection } from "../backtest/sections.js";
import type { StrategySection } from "../backtest/strategies/rule-strategy.js";
import { createBacktestStage, createSignalStrategyStage } from "../backtest/stage.js";
import type { DataSection, SegmentsSection } from "../data/data-section.js";
import type { FeatureSpec } from "../data/features/feature-types.js";
import { createProviderSourceLoader } from "../data/providers/source-loader.js";
import { createDataSourceRegistry } from "../data/source-registry.js";
import { createDataStage, createFeaturesStage } from "../data/stage.js";
import { createRegimeStage, type RegimeSection } from "../regime/stage.js";
import { createRegisterStage, type RegisterSection } from "../registry/stage.js";
import type { ReportSection } from "../report/report-section.js";
import { createReportStage } from "../report/stage.js";
import type { RiskSection } from "../risk/compile.js";
import { createRiskStage } from "../risk/stage.js";
import { UserError } from "../core/errors.js";
import { messages } from "../messages/index.js";
import type { StageFactories } from "../core/compile-plan.js";
import type { PlanSpec } from "../core/plan.js";

/**
 * A section of a validated, normalized spec. The schemas in schemas/ have
 * already checked its shape, so each domain reads it as its own section type.
 */
function section<T>(spec: PlanSpec, key: string): T | undefined {
  return spec[key] as T | undefined;
}

/** Every data source: bundled and file, plus the HTTP providers (yahoo, alphavantage, polygon, http). */
function dataSources() {
  const registry = createDataSourceRegistry();
  const providers = createProviderSourceLoader();
  for (const name of ["yahoo", "alphavantage", "polygon", "http"])
    registry.register(name, providers);
  return registry;
}

/**
 * The stage factories of every kind, each from its own domain, which
 * resolves the section's `type:` in its own registry. Built on call: no
 * module-level registry state.
 */
export function defaultStageFactories(
  options: {
    /** Registry for `register:` sections that name none (a server's workspace registry). */
    readonly registryDir?: string;
    /** Most bytes a data file may have, whatever the spec's data.max_file_bytes says (a server's limit). */
    readonly maxFileBytes?: number;
  } = {},
): StageFactories {
  return {
    data: (spec, { file }) =>
      createDataStage(
        section<DataSection>(spec, "data")!,
        section<SegmentsSection>(spec, "segments"),
        {
          baseDir: dirname(resolve(file)),
          specFile: file,
          sources: dataSources(),
          ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
        },
      ),
    features: (spec) => {
      const features = section<FeatureSpec[]>(spec, "features");
      return features?.length ? createFeaturesStage(features) : undefined;
    },
    regime: (spec, { file }) => {
      const regime = section<RegimeSection>(spec, "regime");
      return regime ? createRegimeStage(regime, { file }) : undefined;
    },
    signal: (spec) => {
      const agent = section<AgentSection>(spec, "agent");
      const strategy = section<StrategySection>(spec, "strategy");
      if (agent && strategy) throw new UserError(messages.run.bothSignals());
      if (strategy) return createSignalStrategyStage(strategy);
      if (!agent) throw new UserError(messages.run.noSignal());
      const backtest = section<BacktestSection>(spec, "backtest");
      return createAgentSignalStage(
        agent,
        backtest ? { backtest, ...(backtest.costs ? { costs: backtest.costs } : {}) } : {},
      );
    },
    risk: (spec, { file }) => {
      const risk = section<RiskSection>(spec, "risk");
      return risk ? createRiskStage(risk, { file }) : undefined;
    },
    backtest: (spec) =>
      createBacktestStage(section<BacktestSection>(spec, "backtest") ?? {}, {
        withRisk: section<RiskSection>(spec, "risk") !== undefined,
      }),
    report: (spec) => {
      const report = section<ReportSection>(spec, "report");
      return report?.html === false && report.pdf !== true
        ? undefined
        : createReportStage(report ?? {});
    },
    register: (spec) => {
      const register = section<RegisterSection>(spec, "register");
      if (!register) return undefined;
      return createRegisterStage(
        options.registryDir !== undefined && register.registry === undefined
          ? { ...register, registry: options.registryDir }
          : register,
      );
    },
  };
}
