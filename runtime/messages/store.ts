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
} as const;
