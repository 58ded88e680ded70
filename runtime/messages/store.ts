/** Messages of the tracking store (runtime/store/) and its CLI. */

export const storeMessages = {
  badLocation: (given: string) =>
    `store location ${JSON.stringify(given.length > 80 ? `${given.slice(0, 77)}…` : given)} is not valid: use sqlite:<file> (e.g. sqlite:drlwb.db) or postgres://user@host:port/database`,
  notADatabase: (file: string) =>
    `${file} is not an SQLite database (its header is wrong: corrupt, or another kind of file); move it aside or point DRLWB_STORE elsewhere — it was not touched`,
  corrupt: (file: string, problem: string) =>
    `the store ${file} is damaged (${problem}); restore it from a backup or move it aside and run drlwb store reindex — it was not touched`,
  foreign: (where: string) =>
    `${where} holds another application's tables, not a DRL Workbench store; point DRLWB_STORE at an empty database — nothing was changed`,
  newerSchema: (where: string, unknown: readonly string[]) =>
    `${where} was migrated by a newer DRL Workbench (unknown migrations: ${unknown.join(", ")}); upgrade this installation before using it`,
  migrationFailed: (where: string, migration: string, problem: string) =>
    `migrating ${where} failed at ${migration}: ${problem}; the database is left at the last completed migration`,
  unreachable: (where: string, problem: string) => `cannot reach the store ${where}: ${problem}`,
  configInvalid: (problems: readonly string[]) =>
    `the store configuration is not valid: ${problems.join("; ")}`,
  migrated: (where: string, applied: readonly string[]) =>
    applied.length === 0
      ? `${where} is up to date`
      : `${where}: applied ${applied.length} migration(s): ${applied.join(", ")}`,
  // Studies and trials (runtime/store/studies.ts, trials.ts).
  notFinite: (what: string, value: unknown) =>
    `${what} must be a finite number, got ${String(value)}`,
  badStep: (step: unknown) => `a trial step must be an integer ≥ 0, got ${String(step)}`,
  badChoice: (what: string, given: unknown, allowed: readonly string[], suggestion?: string) =>
    `${what} ${JSON.stringify(given)} is not one of ${allowed.join(", ")}${suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`}`,
  badStudyId: (given: unknown) =>
    `a study id must be a non-empty string of at most 200 characters, got ${JSON.stringify(String(given).slice(0, 40))}`,
  badParams: (path: string, problem: string) =>
    `trial params${path === "" ? "" : ` at ${path}`} ${problem}; params are a JSON object of finite numbers, strings, booleans, null, arrays and objects`,
  unknownStudy: (id: string) => `there is no study ${JSON.stringify(id)} in the store`,
  studyMismatch: (id: string, field: string, stored: string, given: string) =>
    `study ${JSON.stringify(id)} already exists with ${field} ${stored}, not ${given}; use another study id`,
  unknownTrial: (studyId: string, number: number) =>
    `study ${JSON.stringify(studyId)} has no trial ${number}`,
  trialFinished: (studyId: string, number: number, state: string) =>
    `trial ${number} of study ${JSON.stringify(studyId)} is already ${state}; only a running trial takes values or finishes`,
  duplicateStep: (step: number) => `step ${step} is given twice; each step takes one value`,
  badLimit: (given: unknown) => `limit must be a positive integer, got ${String(given)}`,
  badTime: (what: string) => `${what} must be a valid date`,
  storedValueInvalid: (table: string, column: string, value: string) =>
    `the store's ${table}.${column} holds ${JSON.stringify(value.slice(0, 40))}, which this version does not know; was it written by a newer DRL Workbench?`,
  trialNumberContention: (studyId: string, attempts: number) =>
    `could not number a new trial of study ${JSON.stringify(studyId)} after ${attempts} attempts (other writers kept taking the next number)`,
  // The runs index (runtime/store/runs-index.ts, reindex.ts) and `drlwb store` (cli/store.ts).
  runIndexUnavailable: (problem: string) =>
    `the runs index (tracking store) was not updated: ${problem}; the run goes on and its folder is complete — drlwb store reindex adds it later`,
  reindexed: (where: string, runsDir: string, indexed: number, removed: number, skipped: number) =>
    `${where}: indexed ${indexed} run(s) from ${runsDir}/, removed ${removed} row(s) whose folder is gone, skipped ${skipped} corrupt folder(s)`,
  reindexSkipped: (folder: string, file: string, reason: string) =>
    `skipped ${folder}: ${file} ${reason}`,
  specUnreadable: () => "not valid YAML (the run's params were not indexed)",
  statusLocation: (where: string, dialect: string) => `store ${where} (${dialect})`,
  statusMigration: (name: string, appliedAt: string | null) =>
    appliedAt === null ? `  ${name}  pending` : `  ${name}  applied ${appliedAt}`,
  statusPending: (pending: number) =>
    pending === 0
      ? "up to date"
      : `${pending} migration(s) pending (applied on the next open, or now with: drlwb store migrate)`,
  // Trading records of a backtest (runtime/store/record-backtest.ts).
  notARun: (folder: string) => `${folder} is not a run folder (it has no run.json)`,
  runNotComplete: (id: string, status: string) =>
    `run ${id} is ${status}: only a complete run's backtest can be recorded (run it to the end, or drlwb run --resume ${id})`,
  noBacktest: (id: string) =>
    `run ${id} has no backtest results (stages/backtest/equity.csv); only runs with a backtest stage can be recorded`,
  auditNotStored: (problem: string) =>
    `warning: the change is in the audit log file but not in the tracking store's audit table (${problem})`,
  badRecordFile: (file: string, line: number, problem: string) =>
    `${file} line ${line}: ${problem}; the run's files are not what this version writes — run it again`,
} as const;
