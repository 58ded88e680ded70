import type { Selectable } from "kysely";
import type { TrackingStore } from "./open-store.js";
import type { AlertsTable } from "./tables.js";

export type AlertSeverity = "info" | "warning" | "critical";
export type AlertState = "open" | "acknowledged" | "resolved";

export interface NewAlert {
  /** The rule that fired (`drift.psi`, `drawdown.limit`, …). */
  readonly rule: string;
  readonly severity: AlertSeverity;
  /** What it is about (a model, a session), for filtering. */
  readonly subject: string;
  /** Details (stored as JSON). */
  readonly payload?: unknown;
  /** When it fired (ISO; default now). */
  readonly time?: string;
}

/** An alert as read back (payload parsed). */
export interface Alert {
  readonly id: number;
  readonly rule: string;
  readonly severity: AlertSeverity;
  readonly time: string;
  readonly subject: string;
  readonly payload: unknown;
  readonly state: AlertState;
  readonly updatedAt: string;
}

/** Raises an alert in state `open`; its id. */
export async function raiseAlert(store: TrackingStore, alert: NewAlert): Promise<number> {
  const time = alert.time ?? new Date().toISOString();
  const row = await store.db
    .insertInto("alerts")
    .values({
      rule: alert.rule,
      severity: alert.severity,
      time,
      subject: alert.subject,
      payload: JSON.stringify(alert.payload ?? null),
      state: "open",
      updated_at: time,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** An open alert seen by someone: `acknowledged`. False when there is no such open alert. */
export function acknowledgeAlert(store: TrackingStore, id: number, at?: string): Promise<boolean> {
  return moveAlert(store, id, ["open"], "acknowledged", at);
}

/** An open or acknowledged alert whose cause is gone: `resolved`. False when there is none such. */
export function resolveAlert(store: TrackingStore, id: number, at?: string): Promise<boolean> {
  return moveAlert(store, id, ["open", "acknowledged"], "resolved", at);
}

async function moveAlert(
  store: TrackingStore,
  id: number,
  from: readonly AlertState[],
  to: AlertState,
  at = new Date().toISOString(),
): Promise<boolean> {
  const result = await store.db
    .updateTable("alerts")
    .set({ state: to, updated_at: at })
    .where("id", "=", id)
    .where("state", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AlertQuery {
  readonly subject?: string;
  readonly state?: AlertState | readonly AlertState[];
  readonly rule?: string;
  /** ISO times of raising: `from` inclusive, `to` exclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Newest first, at most this many (default 1000). */
  readonly limit?: number;
}

/** Alerts matching `query`, newest first. */
export async function listAlerts(store: TrackingStore, query: AlertQuery = {}): Promise<Alert[]> {
  let q = store.db.selectFrom("alerts").selectAll();
  if (query.subject !== undefined) q = q.where("subject", "=", query.subject);
  if (query.rule !== undefined) q = q.where("rule", "=", query.rule);
  if (query.state !== undefined) {
    const states = typeof query.state === "string" ? [query.state] : [...query.state];
    if (states.length === 0) return [];
    q = q.where("state", "in", states);
  }
  if (query.from !== undefined) q = q.where("time", ">=", query.from);
  if (query.to !== undefined) q = q.where("time", "<", query.to);
  const rows = await q
    .orderBy("time", "desc")
    .orderBy("id", "desc")
    .limit(query.limit ?? 1000)
    .execute();
  return rows.map(alertOf);
}

function alertOf(row: Selectable<AlertsTable>): Alert {
  return {
    id: Number(row.id),
    rule: row.rule,
    severity: row.severity as AlertSeverity,
    time: row.time,
    subject: row.subject,
    payload: JSON.parse(row.payload) as unknown,
    state: row.state as AlertState,
    updatedAt: row.updated_at,
  };
}
