import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../core/errors.js";
import { reportMessages } from "../messages/report.js";
import { tearSheetFromJson } from "./serialize.js";
import type { TearSheetInput } from "./tear-sheet-input.js";

/** Where the report stage keeps the serialized TearSheetInput inside a run folder. */
export const TEAR_SHEET_FILE = join("stages", "report", "tear-sheet.json");

/**
 * The TearSheetInput of a finished run, read from its folder. Every run whose
 * report stage ran has `stages/report/tear-sheet.json`; a folder without it
 * (a failed or report-less run) is a user error saying what is missing.
 */
export function loadRunTearSheet(runDir: string): TearSheetInput {
  if (!existsSync(join(runDir, "run.json"))) {
    throw new UserError(reportMessages.runDirMissing(runDir));
  }
  const file = join(runDir, TEAR_SHEET_FILE);
  if (!existsSync(file)) throw new UserError(reportMessages.noReportData(runDir));
  return tearSheetFromJson(readFileSync(file, "utf8"));
}
