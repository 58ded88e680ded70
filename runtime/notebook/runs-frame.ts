import pl from "nodejs-polars";
import type { TrackingStore } from "../store/open-store.js";
import { queryRuns, type RunQuery, type RunRow } from "../store/run-query.js";

/**
 * Query rows as a polars DataFrame: id, experiment, kind, status, seed,
 * startedAt, endedAt, runDir (text, seed Float64 with nulls), then one
 * Float64 column per metric (null where a run does not have it).
 */
export function runsFrame(rows: readonly RunRow[]): pl.DataFrame {
  const text = (name: string, values: (string | null)[]) => pl.Series(name, values, pl.Utf8);
  const metrics = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.metrics)) metrics.add(key);
  return pl.DataFrame([
    text(
      "id",
      rows.map((r) => r.id),
    ),
    text(
      "experiment",
      rows.map((r) => r.experiment),
    ),
    text(
      "kind",
      rows.map((r) => r.kind),
    ),
    text(
      "status",
      rows.map((r) => r.status),
    ),
    pl.Series(
      "seed",
      rows.map((r) => r.seed),
      pl.Float64,
    ),
    text(
      "startedAt",
      rows.map((r) => r.startedAt),
    ),
    text(
      "endedAt",
      rows.map((r) => r.endedAt),
    ),
    text(
      "runDir",
      rows.map((r) => r.runDir),
    ),
    ...[...metrics].map((key) =>
      pl.Series(
        key,
        rows.map((r) => (Object.hasOwn(r.metrics, key) ? (r.metrics[key] ?? null) : null)),
        pl.Float64,
      ),
    ),
  ]);
}

/** `queryRuns` as a DataFrame, for notebooks: `await queryRunsFrame(store, { sort: "-sharpe", columns: ["sharpe"] })`. */
export async function queryRunsFrame(store: TrackingStore, query: RunQuery): Promise<pl.DataFrame> {
  return runsFrame(await queryRuns(store, query));
}
