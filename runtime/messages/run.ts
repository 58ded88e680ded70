/** Messages of the run executor, run folders and the CLI. */
export const runMessages = {
  runNotFound: (id: string, dir: string) =>
    `no run "${id}" under ${dir}/ (list them with: drlwb runs list)`,
  runIdNotFound: (id: string) => `no run "${id}" (list them with GET /runs or: drlwb runs list)`,
  badRunId: () =>
    'not a run id: run ids are letters, digits, "_" and "-" (list them with GET /runs or: drlwb runs list)',
  runAmbiguous: (id: string, matches: readonly string[]) =>
    `run id "${id}" is ambiguous; it matches: ${matches.join(", ")}`,
  runStarted: (id: string, dir: string) => `run ${id} → ${dir}`,
  runComplete: (id: string, seconds: number) => `run ${id} complete in ${seconds.toFixed(1)} s`,
  runFailed: (id: string, stage: string, reason: string) =>
    `run ${id} failed in stage "${stage}": ${reason}`,
  runInterrupted: (id: string) =>
    `run ${id} interrupted; its folder is marked "interrupted" (continue it with: drlwb run --resume ${id})`,
  stopping: (signal: string) =>
    `${signal}: stopping at the next safe point (a checkpoint is written when training); send it again to exit at once`,
  resumeNotInterrupted: (id: string, status: string) =>
    `run ${id} is ${status}; only an interrupted run can be resumed (start a new one with: drlwb run <spec>)`,
  resumeSpecMissing: (id: string, file: string) =>
    `run ${id} was started from ${file}, which no longer exists; a run resumes from its own spec file`,
  resumeSpecChanged: (id: string, file: string) =>
    `${file} changed since run ${id} started (the spec hash differs); a resumed run must continue the same spec — restore the file or start a new run`,
  resumeWithSpec: () =>
    "--resume <run> takes no spec file, --seed or --env: a resumed run continues with the spec, seed and overlay it was started with",
  runNeedsSpec: () => "missing spec file: drlwb run <spec> (or drlwb run --resume <run>)",
  runResumed: (id: string, stage: string | undefined) =>
    `resuming run ${id}${stage ? ` (interrupted in stage "${stage}")` : ""}`,
  stageStart: (kind: string, type: string) => `▶ ${kind} (${type})`,
  stageDone: (kind: string, seconds: number) => `✓ ${kind} ${seconds.toFixed(2)} s`,
  /** A stage's warning (`scope` is the logger's, e.g. "run.regime"). */
  stageWarning: (scope: string, message: string) => `⚠ ${scope.replace(/^run\./, "")}: ${message}`,
  specInvalid: (file: string, count: number) =>
    `${file}: ${count} problem${count === 1 ? "" : "s"}; nothing was run`,
  specValid: (file: string) => `${file}: valid`,
  missingStage: (kind: string, needs: string) =>
    `stage "${kind}" needs the output of stage "${needs}", which the spec does not declare`,
  notAnExperiment: (file: string, kind: string) =>
    `${file} is a \`kind: ${kind}\` spec; only experiment specs can be planned or run (use it with \`extends\` from an experiment)`,
  noSignal: () => "the spec declares neither `strategy:` nor `agent:`; add one to produce a signal",
  bothSignals: () => "the spec declares both `strategy:` and `agent:`; keep one",
  unknownCommand: (name: string, suggestion: string | undefined) =>
    `unknown command "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
} as const;
