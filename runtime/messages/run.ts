/** Messages of the run executor, run folders and the CLI. */
export const runMessages = {
  runNotFound: (id: string, dir: string) =>
    `no run "${id}" under ${dir}/ (list them with: drlwb runs list)`,
  runAmbiguous: (id: string, matches: readonly string[]) =>
    `run id "${id}" is ambiguous; it matches: ${matches.join(", ")}`,
  runStarted: (id: string, dir: string) => `run ${id} → ${dir}`,
  runComplete: (id: string, seconds: number) => `run ${id} complete in ${seconds.toFixed(1)} s`,
  runFailed: (id: string, stage: string, reason: string) =>
    `run ${id} failed in stage "${stage}": ${reason}`,
  runInterrupted: (id: string) => `run ${id} interrupted; its folder is marked "interrupted"`,
  stageStart: (kind: string, type: string) => `▶ ${kind} (${type})`,
  stageDone: (kind: string, seconds: number) => `✓ ${kind} ${seconds.toFixed(2)} s`,
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
