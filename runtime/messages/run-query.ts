/** Messages of run queries: the filter language, columns, sort and limits (runtime/store/run-*.ts). */

const quote = (text: string): string =>
  JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}…` : text);

/** What the parser found where it expected something else. */
export const foundText = (text: string | undefined): string =>
  text === undefined ? "the end of the filter" : quote(text);

export const runQueryMessages = {
  /** The filter, a caret under the column, and what was wrong there. */
  badFilter: (problem: string, column: number, excerpt: string, caret: string) =>
    `bad filter at column ${column}: ${problem}\n  ${excerpt}\n  ${caret}`,
  expectedField: (found: string) =>
    `expected a field (a metric such as sharpe, or id, experiment, name, kind, status, seed, started, ended, param.<key>, tag.<key>) but found ${found}`,
  expectedOperator: (field: string, found: string) =>
    `expected a comparison (=, !=, <, <=, >, >=, ~) after ${quote(field)} but found ${found}`,
  expectedValue: (found: string) =>
    `expected a value (a number, a word or a quoted text) but found ${found}`,
  expectedClose: (found: string) => `expected ")" but found ${found}`,
  expectedJoin: (found: string) =>
    `expected and, or, ")" or the end of the filter but found ${found}`,
  unterminatedText: () => "this quoted text has no closing quote",
  notFinite: (text: string) => `${quote(text)} is not a finite number`,
  expectedNumber: (field: string, found: string) =>
    `${quote(field)} compares with numbers but found ${found}`,
  operatorNotFor: (op: string, field: string, allowed: readonly string[]) =>
    `${op} does not apply to ${quote(field)} (use ${allowed.join(" ")})`,
  badKey: (field: string) =>
    `${quote(field)} is not a valid name: names are letters, digits, _ and - in dot-separated parts (e.g. test.sharpe, param.backtest.costs.commission)`,
  reservedKey: (field: string) => `${quote(field)} cannot be used as a metric name`,
  tooLong: (length: number, max: number) =>
    `the filter is ${length} characters long; at most ${max} are accepted (store.query.max_filter_length)`,
  tooDeep: (max: number) =>
    `the filter nests parentheses and not deeper than ${max} levels (store.query.max_filter_depth)`,
  tooManyTerms: (max: number) =>
    `the filter has more than ${max} comparisons (store.query.max_filter_terms)`,
  unknownMetric: (name: string, suggestion: string | undefined, known: readonly string[]) =>
    `unknown metric ${quote(name)}: no run in the store has it${
      suggestion !== undefined
        ? ` (did you mean ${suggestion}?)`
        : known.length > 0
          ? ` (metrics in the store include ${known.join(", ")})`
          : ""
    }`,
  inColumns: (problem: string) => `columns: ${problem}`,
  inSort: (problem: string) => `sort: ${problem}`,
  emptyName: () => "an empty name (two commas in a row, or a trailing comma)",
  notAColumn: (name: string) =>
    `${quote(name)} is not a column: name a metric (sharpe, test.sharpe) or one of id, experiment, kind, status, seed, started, ended`,
  tooManyColumns: (count: number, max: number) =>
    `${count} names given; at most ${max} are accepted (store.query.max_columns)`,
  badLimit: (given: string, max: number) =>
    `limit ${quote(given)} is not a whole number from 1 to ${max} (store.query.max_limit)`,
  badOffset: (given: string) => `offset ${quote(given)} is not a whole number from 0`,
  notIndexed: (store: string, dir: string, count: number) =>
    `the store ${store} has no runs, but ${dir} holds ${count} run folder${count === 1 ? "" : "s"}: index them with drlwb store reindex (drlwb runs list --folders lists the folders themselves)`,
  partlyIndexed: (store: string, dir: string, missing: number) =>
    `${missing} run folder${missing === 1 ? "" : "s"} in ${dir} ${missing === 1 ? "is" : "are"} not in the store ${store} (not yet indexed, or corrupt): drlwb store reindex indexes them; drlwb runs list --folders shows each folder and its problems`,
  noRuns: () => "no runs yet (start one with: drlwb run specs/quickstart.yaml)",
  noMatch: () => "no run matches",
  shownOf: (shown: number, offset: number) =>
    `${shown} run${shown === 1 ? "" : "s"} shown${offset > 0 ? ` from row ${offset + 1}` : ""}; --limit and --offset show others`,
} as const;

/** Messages of `GET /runs?…` (server/routes/runs-query.ts). */
export const runQueryServerMessages = {
  repeated: (name: string) => `query parameter ${name} is given more than once`,
  storeUnavailable: () => "the tracking store is unavailable; try again later",
} as const;
