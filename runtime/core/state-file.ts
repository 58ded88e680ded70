import { readFileSync, statSync } from "node:fs";
import { stateFilesMessages } from "../messages/state-files.js";
import { UserError } from "./errors.js";
import { describeIoError } from "./io-error.js";

/**
 * A state file (run.json, metrics.json, api-keys.json…) that cannot be read
 * or parsed. The message names the file and says why — the parser's position,
 * never the file's content.
 */
export class StateFileError extends UserError {
  readonly file: string;
  readonly reason: string;
  constructor(file: string, reason: string) {
    super(stateFilesMessages.unreadable(file, reason));
    this.name = "StateFileError";
    this.file = file;
    this.reason = reason;
  }
}

/**
 * Reads and parses a JSON state file; any failure is a StateFileError naming
 * the file as `shownAs` (default: the path as given — pass a name relative to
 * the run folder where the message may reach an API client).
 */
export function readJsonStateFile(path: string, shownAs: string = path): unknown {
  const file = shownAs;
  let text: string;
  try {
    // A FIFO or device would block or never end; state files are regular files.
    if (!statSync(path).isFile()) throw new StateFileError(file, stateFilesMessages.notAFile());
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof StateFileError) throw error;
    throw new StateFileError(file, describeIoError(error));
  }
  if (text.trim() === "") throw new StateFileError(file, stateFilesMessages.emptyFile());
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new StateFileError(file, jsonProblem(error, text));
  }
}

/**
 * Where JSON.parse stopped, as "line L column C" (or "unexpected end of
 * input"). V8's message itself is not used: for some inputs it quotes the
 * text, which may hold secrets.
 */
function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : "";
  const truncated = "unexpected end of input, the file looks truncated";
  if (/Unexpected end of JSON input/.test(message))
    return stateFilesMessages.invalidJson(truncated);
  const position = /at position (\d+)/.exec(message);
  if (!position) return stateFilesMessages.invalidJson("");
  const offset = Number(position[1]);
  const where = lineColumnAt(text, offset);
  return stateFilesMessages.invalidJson(
    offset >= text.trimEnd().length ? `${truncated}, ${where}` : where,
  );
}

function lineColumnAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line} column ${column}`;
}
