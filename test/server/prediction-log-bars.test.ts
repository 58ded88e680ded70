/**
 * Decisions from bars are logged too: the observation the env wrote at the
 * decision bar (digested), the decision (proposed and risk-checked weights,
 * action) and that decision's risk events — what the server answered.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAndServe, replay, type ServedRun } from "../support/serving-replay.js";

let run: ServedRun;

const spec = (registry: string) => `name: bars-log
seed: 2
data: { source: bundled, name: spy, start: 2015-01-02, end: 2016-12-30 }
segments:
  train: { start: 2015-01-02, end: 2015-12-31 }
  test: { start: 2016-01-04, end: 2016-12-30 }
features:
  - { type: log_return }
  - { type: volatility, window: 10 }
agent:
  type: ppo
  backend: cpu
  env: { type: single_asset, symbol: SPY, actions: short_flat_long, window: 2, episode_length: 64 }
  total_timesteps: 64
  hyperparameters: { n_steps: 64, batch_size: 32, n_epochs: 1 }
  evaluation: { seeds: 1, episodes: 1 }
backtest: { cash: 10000 }
risk:
  rules:
    - { type: vol_target, target: 0.1, estimator: ewma }
    - { type: kill_switch, max_drawdown: 0.2 }
report: { html: false }
register: { model: bars-log, registry: ${JSON.stringify(registry)} }
`;

beforeAll(async () => {
  run = await runAndServe("drlwb-bars-log-", "bars-log", spec, {
    store: { url: "sqlite:log.db", prediction_log: { flush_ms: 50 } },
  });
}, 300_000);
afterAll(async () => {
  await run?.close();
});

describe("the prediction log of decisions from bars", () => {
  it("logs each bar's observation, decision and risk events as answered", async () => {
    const answers = new Map<number, Record<string, unknown>>();
    const from = run.range.start;
    const to = from + 5;
    await replay(
      run,
      from,
      to,
      () => 0,
      (bar, body) => answers.set(bar, body),
    );
    const log = run.app.predictionLog.log;
    await log.flush();
    expect(log.stats()).toMatchObject({ logged: 6, dropped: 0 });
    const store = await run.app.store.get();
    const rows = await store.db.selectFrom("predictions").selectAll().orderBy("id").execute();
    expect(rows.length).toBe(6);
    const size = run.signature.observation!.shape[0]!;
    rows.forEach((row, k) => {
      const answer = answers.get(from + k)!;
      const features = JSON.parse(row.features) as number[];
      expect(features.length).toBe(size);
      expect(row.features_digest).toBe(
        createHash("sha256")
          .update(new Uint8Array(Float64Array.from(features).buffer))
          .digest("hex"),
      );
      expect(row).toMatchObject({ model: "bars-log", version: 1, variant: "default" });
      expect(JSON.parse(row.output)).toEqual({
        bar: from + k,
        action: answer.action,
        proposed: answer.proposed,
        weights: answer.weights,
      });
      expect(JSON.parse(row.risk_events)).toEqual(answer.riskEvents);
    });
  });
});
