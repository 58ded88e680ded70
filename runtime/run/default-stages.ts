import { dirname, resolve } from "node:path";
import { createAgentSignalStage } from "../agents/stage.js";
import { createBacktestStage, createSignalStrategyStage } from "../backtest/stage.js";
import { registerProviderSources } from "../data/providers/source-loader.js";
import { createDataSourceRegistry } from "../data/source-registry.js";
import { createDataStage, createFeaturesStage } from "../data/stage.js";
import { createRegimeStage } from "../regime/stage.js";
import { withRegimeSwitching } from "../regime/switching-stage.js";
import type { OpenRegistry } from "../registry/backend.js";
import { createRegisterStage } from "../registry/stage.js";
import { createReportStage } from "../report/stage.js";
import { createRiskStage } from "../risk/stage.js";
import { UserError } from "../core/errors.js";
import { messages } from "../messages/index.js";
import type { StageFactories } from "../core/compile-plan.js";
import type { ExperimentSpec } from "../spec/types.generated.js";
import { sectionDefaults } from "../spec/section-defaults.js";
import "./stage-output-map.js";

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
    /** The registry backend `register:` records versions through (absent: registry.json). */
    readonly openRegistry?: OpenRegistry;
  } = {},
): StageFactories<ExperimentSpec> {
  return {
    data: (spec, { file, loc }) =>
      createDataStage(spec.data, spec.segments, {
        loc: loc.at("/data"),
        segmentsLoc: loc.at("/segments"),
        baseDir: dirname(resolve(file)),
        specFile: file,
        sources: registerProviderSources(createDataSourceRegistry()),
        ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      }),
    features: (spec, { loc }) =>
      spec.features?.length ? createFeaturesStage(spec.features, loc.at("/features")) : undefined,
    regime: (spec, { loc }) =>
      spec.regime
        ? createRegimeStage(spec.regime, loc.at("/regime"), {
            ...(spec.backtest?.periods_per_year !== undefined
              ? { periodsPerYear: spec.backtest.periods_per_year }
              : {}),
          })
        : undefined,
    signal: (spec, { loc }) => {
      const { agent, strategy, backtest, regime } = spec;
      if (agent && strategy) throw new UserError(messages.run.bothSignals());
      if (!strategy && !agent) throw new UserError(messages.run.noSignal());
      const signal = strategy
        ? createSignalStrategyStage(strategy, loc.at("/strategy"))
        : createAgentSignalStage(agent!, {
            ...(backtest ? { backtest, costs: backtest.costs } : {}),
            loc: loc.at("/agent"),
          });
      // `regime.switching` switches the signal once, here: risk and backtest read the switched targets.
      return regime?.switching ? withRegimeSwitching(signal, regime, loc.at("/regime")) : signal;
    },
    risk: (spec, { loc }) =>
      spec.risk
        ? createRiskStage(spec.risk, loc.at("/risk"), {
            ...(spec.backtest?.periods_per_year !== undefined
              ? { periodsPerYear: spec.backtest.periods_per_year }
              : {}),
          })
        : undefined,
    backtest: (spec, { file, loc }) =>
      createBacktestStage(spec.backtest ?? sectionDefaults("backtest"), {
        withRisk: spec.risk !== undefined,
        loc: loc.at("/backtest"),
        baseDir: dirname(resolve(file)),
        ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      }),
    report: (spec) => {
      const report = spec.report ?? sectionDefaults("report");
      return !report.html && !report.pdf
        ? undefined
        : createReportStage(report, { withData: true, withRegime: spec.regime !== undefined });
    },
    register: (spec, { loc }) => {
      const register = spec.register;
      if (!register) return undefined;
      return createRegisterStage(
        options.registryDir !== undefined && register.registry === undefined
          ? { ...register, registry: options.registryDir }
          : register,
        {
          withRisk: spec.risk !== undefined,
          spec,
          regimeLoc: loc.at("/regime"),
          ...(options.openRegistry ? { openRegistry: options.openRegistry } : {}),
        },
      );
    },
  };
}
