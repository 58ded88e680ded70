import { UserError } from "../core/errors.js";
import { storeMessages } from "../messages/store.js";
import type { TrackingStore } from "./open-store.js";
import { checkChoice, storedChoice } from "./store-values.js";
import type { StudiesTable } from "./tables.js";
import { writeTransaction } from "./write-transaction.js";

export const STUDY_DIRECTIONS = ["minimize", "maximize"] as const;
export type StudyDirection = (typeof STUDY_DIRECTIONS)[number];

export const STUDY_STATES = ["running", "completed", "failed", "interrupted"] as const;
export type StudyState = (typeof STUDY_STATES)[number];

/** A tuning study: trials of one objective, optimized in one direction. */
export interface Study {
  readonly id: string;
  readonly name: string;
  readonly direction: StudyDirection;
  /** The objective's name (the metric the trials report). */
  readonly objective: string;
  readonly specHash: string | null;
  readonly state: StudyState;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface StudyDefinition {
  readonly id: string;
  /** Defaults to the id. */
  readonly name?: string;
  readonly direction: StudyDirection;
  readonly objective: string;
  readonly specHash?: string | null;
}

const MAX_STUDY_ID = 200;

/**
 * The study with this id, created (state `running`) when it does not exist.
 * Several workers may call it at once: exactly one creates it, all get it. An
 * existing study with another direction or objective is refused.
 */
export async function createStudy(
  store: TrackingStore,
  definition: StudyDefinition,
): Promise<Study> {
  checkStudyId(definition.id);
  checkChoice("direction", definition.direction, STUDY_DIRECTIONS);
  const now = new Date().toISOString();
  const study = await writeTransaction(store, async (db) => {
    await db
      .insertInto("studies")
      .values({
        id: definition.id,
        name: definition.name ?? definition.id,
        direction: definition.direction,
        objective: definition.objective,
        spec_hash: definition.specHash ?? null,
        state: "running",
        created_at: now,
        updated_at: now,
      })
      .onConflict((c) => c.column("id").doNothing())
      .execute();
    return db
      .selectFrom("studies")
      .selectAll()
      .where("id", "=", definition.id)
      .executeTakeFirstOrThrow();
  });
  for (const [field, stored, given] of [
    ["direction", study.direction, definition.direction],
    ["objective", study.objective, definition.objective],
  ] as const)
    if (stored !== given)
      throw new UserError(storeMessages.studyMismatch(definition.id, field, stored, given));
  return studyFromRow(study);
}

/** The study, or undefined when there is none with this id. */
export async function getStudy(store: TrackingStore, id: string): Promise<Study | undefined> {
  const row = await store.db
    .selectFrom("studies")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? undefined : studyFromRow(row);
}

/** Every study, newest first. */
export async function listStudies(store: TrackingStore): Promise<Study[]> {
  const rows = await store.db
    .selectFrom("studies")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(studyFromRow);
}

/** Sets the study's state (and `updated_at`); an unknown study is a UserError. */
export async function setStudyState(
  store: TrackingStore,
  id: string,
  state: StudyState,
): Promise<Study> {
  checkChoice("study state", state, STUDY_STATES);
  const row = await writeTransaction(store, async (db) => {
    await db
      .updateTable("studies")
      .set({ state, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    return db.selectFrom("studies").selectAll().where("id", "=", id).executeTakeFirst();
  });
  if (row === undefined) throw new UserError(storeMessages.unknownStudy(id));
  return studyFromRow(row);
}

export function checkStudyId(id: unknown): asserts id is string {
  if (typeof id !== "string" || id === "" || id.length > MAX_STUDY_ID)
    throw new UserError(storeMessages.badStudyId(id));
}

function studyFromRow(row: StudiesTable): Study {
  return {
    id: row.id,
    name: row.name,
    direction: storedChoice("studies", "direction", row.direction, STUDY_DIRECTIONS),
    objective: row.objective,
    specHash: row.spec_hash,
    state: storedChoice("studies", "state", row.state, STUDY_STATES),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
