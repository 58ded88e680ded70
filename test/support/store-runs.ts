import type { TrackingStore } from "../../runtime/store/open-store.js";

/** A run as a test seeds it into the tracking store (runs, run_metrics, run_params, run_tags). */
export interface SeedRun {
  readonly id: string;
  readonly experiment: string;
  readonly kind?: string;
  readonly status: string;
  readonly seed: number | null;
  readonly startedAt: string;
  readonly endedAt?: string | null;
  readonly runDir?: string;
  readonly metrics?: ReadonlyMap<string, number>;
  readonly params?: ReadonlyMap<string, unknown>;
  readonly tags?: ReadonlyMap<string, string>;
}

/** Writes runs straight into the store's tables, as the runs index does. */
export async function seedRuns(store: TrackingStore, runs: readonly SeedRun[]): Promise<void> {
  const chunk = 200;
  for (let i = 0; i < runs.length; i += chunk) {
    const part = runs.slice(i, i + chunk);
    await store.db.transaction().execute(async (tx) => {
      await tx
        .insertInto("runs")
        .values(
          part.map((r) => ({
            id: r.id,
            experiment: r.experiment,
            kind: r.kind ?? "experiment",
            status: r.status,
            spec_hash: null,
            data_hash: null,
            code_version: null,
            seed: r.seed,
            started_at: r.startedAt,
            ended_at: r.endedAt ?? null,
            run_dir: r.runDir ?? r.id,
            updated_at: r.startedAt,
          })),
        )
        .execute();
      const metrics = part.flatMap((r) =>
        [...(r.metrics ?? new Map())].map(([key, value]) => ({ run_id: r.id, key, value })),
      );
      const params = part.flatMap((r) =>
        [...(r.params ?? new Map())].map(([key, value]) => ({
          run_id: r.id,
          key,
          value: JSON.stringify(value),
          number: typeof value === "number" && Number.isFinite(value) ? value : null,
        })),
      );
      const tags = part.flatMap((r) =>
        [...(r.tags ?? new Map())].map(([key, value]) => ({ run_id: r.id, key, value })),
      );
      for (let j = 0; j < metrics.length; j += 300)
        await tx
          .insertInto("run_metrics")
          .values(metrics.slice(j, j + 300))
          .execute();
      for (let j = 0; j < params.length; j += 300)
        await tx
          .insertInto("run_params")
          .values(params.slice(j, j + 300))
          .execute();
      for (let j = 0; j < tags.length; j += 300)
        await tx
          .insertInto("run_tags")
          .values(tags.slice(j, j + 300))
          .execute();
    });
  }
}
