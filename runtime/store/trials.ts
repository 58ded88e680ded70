import { hostname } from "node:os";
import { type Kysely, sql } from "kysely";
import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";
import type { TrackingStore } from "./open-store.js";
import { checkStudyId, getStudy, type Study } from "./studies.js";
import { checkChoice, checkFinite, storedChoice } from "./store-values.js";
import type { StoreTables, TrialsTable } from "./tables.js";
import { checkTrialParams, parseTrialParams, type TrialParams } from "./trial-params.js";
import { isForeignKeyViolation, isUniqueViolation, writeTransaction } from "./write-transaction.js";

export const TRIAL_STATES = ["running", "complete", "pruned", "failed"] as const;
export type TrialState = (typeof TRIAL_STATES)[number];

/** A trial's row: what `listTrials` and `bestTrial` return. */
export interface TrialSummary {
  readonly studyId: string;
  /** 0-based, unique within the study, assigned by the store in start order. */
  readonly number: number;
  readonly params: TrialParams;
  readonly state: TrialState;
  /** The objective's value: set when complete, optional when pruned, null when running or failed. */
  readonly value: number | null;
  readonly worker: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationMs: number | null;
  /** Why the trial failed or was pruned. */
  readonly note: string | null;
}

/** The objective's value at a step (an epoch, an evaluation), reported while the trial runs. */
export interface TrialStepValue {
  readonly step: number;
  readonly value: number;
}

/** A trial with its intermediate values, by step. */
export interface Trial extends TrialSummary {
  readonly intermediate: readonly TrialStepValue[];
}

/** How a trial ended. A pruned trial without a value takes its last intermediate value. */
export type TrialOutcome =
  | { readonly state: "complete"; readonly value: number; readonly note?: string | null }
  | { readonly state: "pruned"; readonly value?: number | null; readonly note?: string | null }
  | { readonly state: "failed"; readonly note?: string | null };

export interface StartTrialOptions {
  readonly params: TrialParams;
  /** Who runs it; defaults to `<host>:<pid>`. */
  readonly worker?: string | null;
}

/** A trial that already ran elsewhere (Optuna's `add_trial`), written whole. */
export interface FinishedTrialRecord extends StartTrialOptions {
  readonly outcome: TrialOutcome;
  readonly intermediate?: readonly TrialStepValue[];
  readonly startedAt?: Date;
  readonly endedAt?: Date;
}

export interface ListTrialsOptions {
  readonly state?: TrialState | readonly TrialState[];
  /** `number` (default): start order. `value`: best first for the study's direction, trials without a value last. */
  readonly orderBy?: "number" | "value";
  readonly limit?: number;
}

/**
 * Attempts at numbering a trial before giving up. Only PostgreSQL retries: each
 * failed attempt means another worker took that number first.
 */
const NUMBERING_ATTEMPTS = 100;

/**
 * Starts a trial: assigns the study's next number (0, 1, …; gap-free and
 * unique however many processes start trials at once) and writes the trial
 * `running`, in one statement.
 */
export async function startTrial(
  store: TrackingStore,
  studyId: string,
  options: StartTrialOptions,
): Promise<TrialSummary> {
  checkStudyId(studyId);
  checkTrialParams(options.params);
  const row = {
    params: JSON.stringify(options.params),
    state: "running",
    value: null,
    worker: workerName(options.worker),
    started_at: new Date().toISOString(),
    ended_at: null,
    duration_ms: null,
    note: null,
  } satisfies Omit<TrialsTable, "study_id" | "number">;
  // One statement: atomic on its own, no explicit transaction needed.
  const number = await numberedInsert(store, studyId, (db) => insertTrial(db, studyId, row, []));
  return summaryFromRow({ study_id: studyId, number, ...row });
}

/**
 * Writes a trial that ran elsewhere, with its intermediate values, in one
 * transaction (numbered like `startTrial`).
 */
export async function addTrial(
  store: TrackingStore,
  studyId: string,
  record: FinishedTrialRecord,
): Promise<Trial> {
  checkStudyId(studyId);
  checkTrialParams(record.params);
  const intermediate = checkStepValues(record.intermediate ?? []);
  const started = checkTime("startedAt", record.startedAt ?? new Date());
  const ended = checkTime("endedAt", record.endedAt ?? new Date());
  const last = intermediate.at(-1)?.value ?? null;
  const row = {
    params: JSON.stringify(record.params),
    worker: workerName(record.worker),
    started_at: started.toISOString(),
    ...finishedColumns(record.outcome, last, started.toISOString(), ended),
  } satisfies Omit<TrialsTable, "study_id" | "number">;
  const number = await numberedInsert(store, studyId, (db) =>
    insertTrial(db, studyId, row, intermediate),
  );
  return { ...summaryFromRow({ study_id: studyId, number, ...row }), intermediate };
}

/**
 * Inserts a trial numbered one past the study's highest and its
 * intermediate values: one statement reads the highest number and inserts, so
 * SQLite (which takes the write lock for the statement) never collides; on
 * PostgreSQL two concurrent inserts may pick the same number, the later one
 * fails on the primary key and `startTrial`/`addTrial` retry it. Can run
 * inside a caller's `writeTransaction` as part of a larger write. Returns the
 * number.
 */
export async function insertTrial(
  db: Kysely<StoreTables>,
  studyId: string,
  row: Omit<TrialsTable, "study_id" | "number">,
  intermediate: readonly TrialStepValue[],
): Promise<number> {
  let inserted: { number: number };
  try {
    inserted = await db
      .insertInto("trials")
      .values({
        study_id: studyId,
        number: (eb) =>
          eb
            .selectFrom("trials")
            .select(sql<number>`coalesce(max(${sql.ref("number")}), -1) + 1`.as("next"))
            .where("study_id", "=", studyId),
        ...row,
      })
      .returning("number")
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new UserError(storeMessages.unknownStudy(studyId));
    throw error;
  }
  const { number } = inserted;
  if (intermediate.length > 0)
    await db
      .insertInto("trial_values")
      .values(
        intermediate.map((v) => ({ study_id: studyId, number, step: v.step, value: v.value })),
      )
      .execute();
  return number;
}

/**
 * Records the running trial's objective value at `step`, in one statement
 * that inserts only while the trial is running. A step already reported
 * keeps its first value (as Optuna does); returns whether this one was
 * recorded.
 */
export async function reportIntermediate(
  store: TrackingStore,
  studyId: string,
  number: number,
  step: number,
  value: number,
): Promise<boolean> {
  const [checked] = checkStepValues([{ step, value }]);
  if (checked === undefined) return false;
  const inserted = await store.db
    .insertInto("trial_values")
    .columns(["study_id", "number", "step", "value"])
    .expression((eb) =>
      eb
        .selectFrom("trials")
        .select([
          "study_id",
          "number",
          eb.cast<number>(eb.val(checked.step), "integer").as("step"),
          eb.cast<number>(eb.val(checked.value), "double precision").as("value"),
        ])
        .where("study_id", "=", studyId)
        .where("number", "=", number)
        .where("state", "=", "running"),
    )
    .onConflict((c) => c.columns(["study_id", "number", "step"]).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return true;
  await runningTrial(store.db, studyId, number); // unknown or finished: says so
  return false; // running: the step was already reported
}

/**
 * Ends a running trial: state, value (a pruned trial without one takes its
 * last intermediate value), note, end time and duration, in one statement
 * that changes the trial only while it is still running.
 */
export async function finishTrial(
  store: TrackingStore,
  studyId: string,
  number: number,
  outcome: TrialOutcome,
): Promise<TrialSummary> {
  const { last_value, ...trial } = await runningTrial(store.db, studyId, number);
  const columns = finishedColumns(outcome, last_value, trial.started_at, new Date());
  const updated = await store.db
    .updateTable("trials")
    .set(columns)
    .where("study_id", "=", studyId)
    .where("number", "=", number)
    .where("state", "=", "running")
    .executeTakeFirst();
  // Another writer finished it since we read it.
  if (Number(updated.numUpdatedRows) === 0) await runningTrial(store.db, studyId, number);
  return summaryFromRow({ ...trial, ...columns });
}

/** The trial with its intermediate values, or undefined. */
export async function getTrial(
  store: TrackingStore,
  studyId: string,
  number: number,
): Promise<Trial | undefined> {
  const row = await trialRow(store.db, studyId, number);
  if (row === undefined) return undefined;
  const values = await store.db
    .selectFrom("trial_values")
    .select(["step", "value"])
    .where("study_id", "=", studyId)
    .where("number", "=", number)
    .orderBy("step")
    .execute();
  return { ...summaryFromRow(row), intermediate: values };
}

/** The study's trials, filtered by state, in start order or best value first. */
export async function listTrials(
  store: TrackingStore,
  studyId: string,
  options: ListTrialsOptions = {},
): Promise<TrialSummary[]> {
  const study = await knownStudy(store, studyId);
  const states = options.state === undefined ? undefined : [options.state].flat();
  for (const s of states ?? []) checkChoice("trial state", s, TRIAL_STATES);
  if (options.orderBy !== undefined)
    checkChoice("orderBy", options.orderBy, ["number", "value"] as const);
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 1))
    throw new UserError(storeMessages.badLimit(options.limit));
  let query = store.db.selectFrom("trials").selectAll().where("study_id", "=", studyId);
  if (states !== undefined && states.length > 0) query = query.where("state", "in", states);
  if (options.orderBy === "value")
    query = query
      .orderBy((eb) => eb("value", "is", null))
      .orderBy("value", study.direction === "minimize" ? "asc" : "desc");
  query = query.orderBy("number");
  if (options.limit !== undefined) query = query.limit(options.limit);
  return (await query.execute()).map(summaryFromRow);
}

/** The complete trial with the best value for the study's direction (the earliest on ties), or undefined. */
export async function bestTrial(
  store: TrackingStore,
  studyId: string,
): Promise<TrialSummary | undefined> {
  const [best] = await listTrials(store, studyId, {
    state: "complete",
    orderBy: "value",
    limit: 1,
  });
  return best;
}

/**
 * Every trial's value at `step` (trials in `state`, all when omitted), by
 * trial number: what a median or percentile pruner compares against.
 */
export async function intermediateValuesAt(
  store: TrackingStore,
  studyId: string,
  step: number,
  options: { readonly state?: TrialState | readonly TrialState[] } = {},
): Promise<{ number: number; value: number }[]> {
  checkStepValues([{ step, value: 0 }]);
  const states = options.state === undefined ? [] : [options.state].flat();
  for (const s of states) checkChoice("trial state", s, TRIAL_STATES);
  let query = store.db
    .selectFrom("trial_values as v")
    .innerJoin("trials as t", (j) =>
      j.onRef("t.study_id", "=", "v.study_id").onRef("t.number", "=", "v.number"),
    )
    .select(["v.number", "v.value"])
    .where("v.study_id", "=", studyId)
    .where("v.step", "=", step);
  if (states.length > 0) query = query.where("t.state", "in", states);
  return query.orderBy("v.number").execute();
}

/**
 * Numbers and inserts a trial in one write transaction. On PostgreSQL the
 * study's numbering is serialized by a transaction-scoped advisory lock on
 * the study id, so concurrent workers queue for a few microseconds instead
 * of colliding on the primary key and retrying (which, with many workers,
 * degenerated into a retry storm); SQLite's `begin immediate` already
 * serializes writers. The retry on a unique violation stays as a guard.
 */
async function numberedInsert(
  store: TrackingStore,
  studyId: string,
  insert: (db: Kysely<StoreTables>) => Promise<number>,
): Promise<number> {
  return numbered(studyId, () =>
    writeTransaction(store, async (db) => {
      if (store.dialect === "postgres")
        await sql`select pg_advisory_xact_lock(hashtext(${`drlwb.trials:${studyId}`}))`.execute(db);
      return insert(db);
    }),
  );
}

async function numbered(studyId: string, attempt: () => Promise<number>): Promise<number> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (i >= NUMBERING_ATTEMPTS)
        throw new Error(storeMessages.trialNumberContention(studyId, NUMBERING_ATTEMPTS), {
          cause: error,
        });
    }
  }
}

async function knownStudy(store: TrackingStore, studyId: string): Promise<Study> {
  const study = await getStudy(store, studyId);
  if (study === undefined) throw new UserError(storeMessages.unknownStudy(studyId));
  return study;
}

function trialRow(db: Kysely<StoreTables>, studyId: string, number: number) {
  return db
    .selectFrom("trials")
    .selectAll()
    .where("study_id", "=", studyId)
    .where("number", "=", number)
    .executeTakeFirst();
}

/** The trial's row and its last intermediate value when it is running; otherwise a UserError saying what it is. */
async function runningTrial(
  db: Kysely<StoreTables>,
  studyId: string,
  number: number,
): Promise<TrialsTable & { last_value: number | null }> {
  const row = await db
    .selectFrom("trials as t")
    .selectAll("t")
    .select((eb) =>
      eb
        .selectFrom("trial_values as v")
        .select("v.value")
        .whereRef("v.study_id", "=", "t.study_id")
        .whereRef("v.number", "=", "t.number")
        .orderBy("v.step", "desc")
        .limit(1)
        .as("last_value"),
    )
    .where("t.study_id", "=", studyId)
    .where("t.number", "=", number)
    .executeTakeFirst();
  if (row === undefined) throw new UserError(storeMessages.unknownTrial(studyId, number));
  if (row.state !== "running")
    throw new UserError(storeMessages.trialFinished(studyId, number, row.state));
  return row;
}

function finishedColumns(
  outcome: TrialOutcome,
  lastIntermediate: number | null,
  startedAt: string,
  ended: Date,
): Pick<TrialsTable, "state" | "value" | "ended_at" | "duration_ms" | "note"> {
  checkChoice("trial outcome state", outcome.state, ["complete", "pruned", "failed"] as const);
  let value: number | null = null;
  if (outcome.state === "complete") {
    checkFinite("a complete trial's value", outcome.value);
    value = outcome.value;
  } else if (outcome.state === "pruned") {
    if (outcome.value !== undefined && outcome.value !== null)
      checkFinite("a pruned trial's value", outcome.value);
    value = outcome.value ?? lastIntermediate;
  }
  return {
    state: outcome.state,
    value,
    ended_at: ended.toISOString(),
    duration_ms: Math.max(0, ended.getTime() - Date.parse(startedAt)),
    note: outcome.note ?? null,
  };
}

/** Valid steps (integers ≥ 0, each once) and finite values, sorted by step. */
function checkStepValues(values: readonly TrialStepValue[]): TrialStepValue[] {
  const seen = new Set<number>();
  for (const v of values) {
    if (!Number.isSafeInteger(v.step) || v.step < 0)
      throw new UserError(storeMessages.badStep(v.step));
    if (seen.has(v.step)) throw new UserError(storeMessages.duplicateStep(v.step));
    seen.add(v.step);
    checkFinite(`the intermediate value at step ${v.step}`, v.value);
  }
  return values.map((v) => ({ step: v.step, value: v.value })).sort((a, b) => a.step - b.step);
}

function checkTime(what: string, time: Date): Date {
  if (!(time instanceof Date) || !Number.isFinite(time.getTime()))
    throw new UserError(storeMessages.badTime(what));
  return time;
}

function workerName(worker: string | null | undefined): string | null {
  return worker === undefined ? `${hostname()}:${process.pid}` : worker;
}

function summaryFromRow(row: TrialsTable): TrialSummary {
  return {
    studyId: row.study_id,
    number: row.number,
    params: parseTrialParams(row.params),
    state: storedChoice("trials", "state", row.state, TRIAL_STATES),
    value: row.value,
    worker: row.worker,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    note: row.note,
  };
}
