/**
 * The one catalog of user-facing messages, assembled from one section per
 * domain. Look a message up as `messages.<section>.<id>(…)`; each domain
 * module may also import its own section directly.
 */
import { agentsMessages } from "./agents.js";
import { backtestMessages } from "./backtest.js";
import { benchmarkMessages } from "./benchmark.js";
import { cliMessages } from "./cli.js";
import { credentialsMessages } from "./credentials.js";
import { dataMessages } from "./data.js";
import { dataIoMessages } from "./data-io.js";
import { derivativesMessages } from "./derivatives.js";
import { hyperparametersMessages } from "./hyperparameters.js";
import { jobsMessages } from "./jobs.js";
import { limitsMessages } from "./limits.js";
import { policyMessages } from "./policy.js";
import { regimeMessages } from "./regime.js";
import { registryMessages } from "./registry.js";
import { reportMessages } from "./report.js";
import { riskMessages } from "./risk.js";
import { runMessages } from "./run.js";
import { runQueryMessages } from "./run-query.js";
import { serverMessages } from "./server.js";
import { servingMessages } from "./serving.js";
import { specMessages } from "./spec.js";
import { stateFilesMessages } from "./state-files.js";
import { statsMessages } from "./stats.js";
import { storeMessages } from "./store.js";
import { sweepReportMessages } from "./sweep-report.js";

export const messages = {
  agents: agentsMessages,
  backtest: backtestMessages,
  benchmark: benchmarkMessages,
  cli: cliMessages,
  credentials: credentialsMessages,
  data: dataMessages,
  dataIo: dataIoMessages,
  derivatives: derivativesMessages,
  hyperparameters: hyperparametersMessages,
  jobs: jobsMessages,
  limits: limitsMessages,
  policy: policyMessages,
  regime: regimeMessages,
  registry: registryMessages,
  report: reportMessages,
  risk: riskMessages,
  run: runMessages,
  runQuery: runQueryMessages,
  server: serverMessages,
  serving: servingMessages,
  spec: specMessages,
  stateFiles: stateFilesMessages,
  stats: statsMessages,
  store: storeMessages,
  sweepReport: sweepReportMessages,
} as const;

export type Messages = typeof messages;
