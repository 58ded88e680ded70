import { listRuns, showRun } from "../run/runs.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface RunsOptions {
  readonly json?: boolean;
  /** Folder that holds run folders. */
  readonly dir?: string;
}

/** `drlwb runs list`: newest first, with status. */
export function runsListCommand(options: RunsOptions, io: CliIO): ExitCode {
  const runs = listRuns(options.dir);
  if (options.json) {
    printJson(io, runs);
    return EXIT.ok;
  }
  if (runs.length === 0) {
    io.stdout.write("no runs yet (start one with: drlwb run specs/quickstart.yaml)\n");
    return EXIT.ok;
  }
  for (const run of runs) {
    io.stdout.write(`${run.id.padEnd(48)} ${run.status.padEnd(11)} seed ${run.seed}\n`);
  }
  return EXIT.ok;
}

/** `drlwb runs show <id|dir>`: the run record, metrics and files. */
export function runsShowCommand(id: string, options: RunsOptions, io: CliIO): ExitCode {
  const details = showRun(id, options.dir);
  if (options.json) {
    printJson(io, details);
    return EXIT.ok;
  }
  const r = details.record;
  const lines = [
    `run      ${details.id}`,
    `status   ${details.status}`,
    `spec     ${r.specFile} (hash ${r.specHash.slice(0, 12)})`,
    `seed     ${r.seed}`,
    `data     ${r.dataHash ?? "—"}`,
    `code     ${r.code.package}@${r.code.version}${r.code.commit ? ` ${r.code.commit.slice(0, 10)}${r.code.dirty ? "+dirty" : ""}` : ""} node ${r.code.node}`,
    `started  ${r.startedAt}${r.finishedAt ? `  finished ${r.finishedAt}` : ""}`,
    `stages   ${r.stages.map((s) => `${s.kind}:${s.status}${s.durationMs !== undefined ? `(${s.durationMs}ms)` : ""}`).join(" ")}`,
    `folder   ${details.dir}`,
  ];
  if (r.error) lines.push(`error    ${r.error}`);
  if (details.metrics) lines.push("metrics", JSON.stringify(details.metrics, null, 2));
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}
