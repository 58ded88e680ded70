import { isAbsolute, join, relative } from "node:path";
import { messages } from "../runtime/messages/index.js";
import {
  type CorruptRunDetails,
  isCorrupt,
  listRuns,
  type RunFileProblem,
  showRun,
} from "../runtime/run/runs.js";
import { type CliIO, EXIT, type ExitCode, printJson } from "./io.js";

export interface RunsOptions {
  readonly json?: boolean;
  /** Folder that holds run folders. */
  readonly dir?: string;
}

/** A path as the user would type it: relative to the current folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

function problemLine(dir: string, problem: RunFileProblem): string {
  return messages.stateFiles.unreadable(shown(join(dir, problem.file)), problem.reason);
}

/** `drlwb runs list --folders`: the run folders themselves, newest first, with status; corrupt ones are listed with their problem. */
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
    const detail = isCorrupt(run)
      ? run.problems.map((p) => problemLine(run.dir, p)).join("; ")
      : `seed ${run.seed}`;
    io.stdout.write(`${run.id.padEnd(48)} ${run.status.padEnd(11)} ${detail}\n`);
  }
  return EXIT.ok;
}

/**
 * `drlwb runs show <id|dir>`: the run record, metrics and files. A corrupt
 * run says which file is corrupt and why, and exits 1.
 */
export function runsShowCommand(id: string, options: RunsOptions, io: CliIO): ExitCode {
  const details = showRun(id, options.dir);
  if (options.json) {
    printJson(io, details);
    return isCorrupt(details) ? EXIT.failure : EXIT.ok;
  }
  if (isCorrupt(details)) return showCorrupt(details, io);
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
  for (const problem of details.problems ?? [])
    lines.push(`problem  ${problemLine(details.dir, problem)}`);
  if (details.metrics) lines.push("metrics", JSON.stringify(details.metrics, null, 2));
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.ok;
}

function showCorrupt(details: CorruptRunDetails, io: CliIO): ExitCode {
  const lines = [
    `run      ${details.id}`,
    `status   corrupt`,
    ...details.problems.map((p) => `problem  ${problemLine(details.dir, p)}`),
    `hint     ${messages.stateFiles.corruptRunHint(shown(join(details.dir, details.problems[0]?.file ?? "run.json")))}`,
    `folder   ${details.dir}`,
    `files    ${details.files.join(" ")}`,
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
  return EXIT.failure;
}
