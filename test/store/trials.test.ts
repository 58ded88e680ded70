import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { createStudy, getStudy, listStudies, setStudyState } from "../../runtime/store/studies.js";
import {
  addTrial,
  bestTrial,
  finishTrial,
  getTrial,
  intermediateValuesAt,
  listTrials,
  reportIntermediate,
  startTrial,
} from "../../runtime/store/trials.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";
import { userError } from "../support/user-error.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-trials-"));
let postgres: PostgresInstance;
const stores: TrackingStore[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  for (const s of stores) await s.close();
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const engines = [
  ["sqlite", async () => `sqlite:${join(root, "trials.db")}`],
  ["postgres", async () => postgres.createDatabase("trials")],
] as const;

describe.each(engines)("studies and trials on %s", (_engine, url) => {
  let store: TrackingStore;
  beforeAll(async () => {
    store = await openStore({
      config: resolveStoreConfig({ url: await url() }),
      baseDir: root,
      env: {},
    });
    stores.push(store);
  });

  it("creates a study once and returns it to every later caller; a different direction is refused", async () => {
    const def = { id: "s1", direction: "maximize", objective: "sharpe", specHash: "abc" } as const;
    const [a, b] = await Promise.all([createStudy(store, def), createStudy(store, def)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      id: "s1",
      name: "s1",
      direction: "maximize",
      state: "running",
      specHash: "abc",
    });
    const error = await userError(createStudy(store, { ...def, direction: "minimize" }));
    expect(error.message).toMatch(/already exists with direction maximize/);
    expect(
      (
        await userError(
          createStudy(store, { ...def, id: "s9", direction: "maximise" as "maximize" }),
        )
      ).message,
    ).toMatch(/did you mean maximize/);
    expect(await getStudy(store, "s9")).toBeUndefined();
    expect((await listStudies(store)).map((s) => s.id)).toContain("s1");
  });

  it("numbers trials 0, 1, 2…, records intermediate values, finishes them and reads them back", async () => {
    await createStudy(store, { id: "s2", direction: "minimize", objective: "loss" });
    const t0 = await startTrial(store, "s2", {
      params: { lr: 0.001, layers: [64, 64], kind: "ppo" },
      worker: "w1",
    });
    const t1 = await startTrial(store, "s2", { params: { lr: 0.01 } });
    const t2 = await startTrial(store, "s2", { params: { lr: 0.1 } });
    expect([t0.number, t1.number, t2.number]).toEqual([0, 1, 2]);
    expect(t0).toMatchObject({ state: "running", value: null, worker: "w1", endedAt: null });
    expect(t1.worker).toMatch(/:\d+$/);

    expect(await reportIntermediate(store, "s2", 0, 0, 0.9)).toBe(true);
    expect(await reportIntermediate(store, "s2", 0, 1, 0.5)).toBe(true);
    expect(await reportIntermediate(store, "s2", 0, 1, 0.1)).toBe(false); // first value of a step is kept
    expect(await reportIntermediate(store, "s2", 1, 0, 0.8)).toBe(true);
    expect(await reportIntermediate(store, "s2", 1, 1, 0.7)).toBe(true);

    const done = await finishTrial(store, "s2", 0, { state: "complete", value: 0.4 });
    expect(done).toMatchObject({ state: "complete", value: 0.4 });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);
    const pruned = await finishTrial(store, "s2", 1, {
      state: "pruned",
      note: "median pruner at step 1",
    });
    expect(pruned).toMatchObject({ state: "pruned", value: 0.7, note: "median pruner at step 1" });
    await finishTrial(store, "s2", 2, { state: "failed", note: "diverged" });

    const read = await getTrial(store, "s2", 0);
    expect(read).toMatchObject({
      studyId: "s2",
      number: 0,
      params: { lr: 0.001, layers: [64, 64], kind: "ppo" },
      state: "complete",
      value: 0.4,
      worker: "w1",
      intermediate: [
        { step: 0, value: 0.9 },
        { step: 1, value: 0.5 },
      ],
    });
    expect(read?.endedAt).toBe(done.endedAt);
    expect(await getTrial(store, "s2", 7)).toBeUndefined();
    expect(await intermediateValuesAt(store, "s2", 1)).toEqual([
      { number: 0, value: 0.5 },
      { number: 1, value: 0.7 },
    ]);
    expect(await intermediateValuesAt(store, "s2", 1, { state: "complete" })).toEqual([
      { number: 0, value: 0.5 },
    ]);
  });

  it("refuses values on a finished trial, unknown trials and studies, and non-finite numbers", async () => {
    await createStudy(store, { id: "s3", direction: "maximize", objective: "sharpe" });
    const t = await startTrial(store, "s3", { params: { x: 1 } });
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect((await userError(reportIntermediate(store, "s3", t.number, 0, bad))).message).toMatch(
        /finite/,
      );
      expect(
        (await userError(finishTrial(store, "s3", t.number, { state: "complete", value: bad })))
          .message,
      ).toMatch(/finite/);
      expect((await userError(startTrial(store, "s3", { params: { x: bad } }))).message).toMatch(
        /at x .*not finite/,
      );
    }
    expect((await userError(reportIntermediate(store, "s3", t.number, -1, 1))).message).toMatch(
      /integer ≥ 0/,
    );
    expect((await userError(reportIntermediate(store, "s3", t.number, 1.5, 1))).message).toMatch(
      /integer ≥ 0/,
    );
    await finishTrial(store, "s3", t.number, { state: "complete", value: 1 });
    expect(
      (await userError(finishTrial(store, "s3", t.number, { state: "failed" }))).message,
    ).toMatch(/already complete/);
    expect((await userError(reportIntermediate(store, "s3", t.number, 3, 1))).message).toMatch(
      /already complete/,
    );
    expect((await userError(reportIntermediate(store, "s3", 99, 0, 1))).message).toMatch(
      /has no trial 99/,
    );
    expect((await userError(startTrial(store, "nope", { params: {} }))).message).toMatch(
      /no study "nope"/,
    );
    expect((await userError(listTrials(store, "nope"))).message).toMatch(/no study "nope"/);
    // Nothing of the refused writes is in the store.
    expect((await listTrials(store, "s3")).map((x) => x.number)).toEqual([0]);
    expect((await getTrial(store, "s3", 0))?.intermediate).toEqual([]);
  });

  it("lists by state and by value (best first for the direction), and finds the best trial", async () => {
    for (const [id, direction] of [
      ["max", "maximize"],
      ["min", "minimize"],
    ] as const) {
      await createStudy(store, { id, direction, objective: "sharpe" });
      for (const value of [0.5, 2.5, -1, 2.5]) {
        const t = await startTrial(store, id, { params: { value } });
        await finishTrial(store, id, t.number, { state: "complete", value });
      }
      await startTrial(store, id, { params: {} }); // running, no value
    }
    expect((await bestTrial(store, "max"))?.number).toBe(1); // 2.5, earliest of the tie
    expect((await bestTrial(store, "min"))?.number).toBe(2);
    expect((await listTrials(store, "max", { orderBy: "value" })).map((t) => t.number)).toEqual([
      1, 3, 0, 2, 4,
    ]);
    expect(
      (await listTrials(store, "min", { orderBy: "value", limit: 2 })).map((t) => t.number),
    ).toEqual([2, 0]);
    expect((await listTrials(store, "max", { state: "running" })).map((t) => t.number)).toEqual([
      4,
    ]);
    expect((await listTrials(store, "max", { state: ["running", "complete"] })).length).toBe(5);
    await createStudy(store, { id: "empty", direction: "maximize", objective: "sharpe" });
    expect(await bestTrial(store, "empty")).toBeUndefined();
  });

  it("writes a finished trial whole with addTrial, and sets the study state", async () => {
    await createStudy(store, { id: "s4", direction: "maximize", objective: "sharpe" });
    const started = new Date("2026-01-02T03:04:05.000Z");
    const ended = new Date("2026-01-02T03:04:07.500Z");
    const t = await addTrial(store, "s4", {
      params: { gamma: 0.99 },
      outcome: { state: "complete", value: 1.25 },
      intermediate: [
        { step: 1, value: 1 },
        { step: 0, value: 0.5 },
      ],
      startedAt: started,
      endedAt: ended,
      worker: null,
    });
    expect(t).toMatchObject({
      number: 0,
      durationMs: 2500,
      startedAt: started.toISOString(),
      worker: null,
    });
    expect(await getTrial(store, "s4", 0)).toEqual(t);
    await userError(
      addTrial(store, "s4", {
        params: {},
        outcome: { state: "complete", value: 1 },
        intermediate: [
          { step: 0, value: 1 },
          { step: 0, value: 2 },
        ],
      }),
    );
    expect((await setStudyState(store, "s4", "completed")).state).toBe("completed");
    expect((await getStudy(store, "s4"))?.state).toBe("completed");
    expect((await userError(setStudyState(store, "gone", "completed"))).message).toMatch(
      /no study "gone"/,
    );
    expect((await userError(setStudyState(store, "s4", "done" as "completed"))).message).toMatch(
      /not one of/,
    );
  });
});
