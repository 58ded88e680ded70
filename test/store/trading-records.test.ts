/**
 * Trading records (orders, trades, positions, performance), alerts, the
 * audit table and a backtest recorded from its run folder — on SQLite and
 * PostgreSQL.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePositionsCsv } from "../../runtime/backtest/allocation-files.js";
import { isUserError } from "../../runtime/core/errors.js";
import {
  acknowledgeAlert,
  listAlerts,
  raiseAlert,
  resolveAlert,
} from "../../runtime/store/alerts.js";
import { auditRecordOf, listAudit, writeAudit } from "../../runtime/store/audit.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { recordBacktest } from "../../runtime/store/record-backtest.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import {
  readOrders,
  readPerformance,
  readPositions,
  readTrades,
  writeOrders,
  writePerformance,
  writePositions,
  writeTrades,
} from "../../runtime/store/trading-records.js";
import { runCli } from "../support/cli.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const repo = join(import.meta.dirname, "..", "..");
const quickSpec = join(repo, "test/fixtures/specs/jobs/quick-strategy.yaml");
const root = mkdtempSync(join(tmpdir(), "drlwb-trading-records-"));
let postgres: PostgresInstance;
let runDir = "";
let runId = "";

beforeAll(async () => {
  postgres = await startPostgres();
  const run = await runCli([
    "run",
    quickSpec,
    "--out",
    join(root, "runs"),
    "--store",
    `sqlite:${join(root, "runs.db")}`,
    "--json",
  ]);
  expect(run.code).toBe(0);
  const runs = readdirSync(join(root, "runs"));
  expect(runs.length).toBe(1);
  runId = runs[0]!;
  runDir = join(root, "runs", runId);
}, 180_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

let databases = 0;
const engines: readonly [string, () => Promise<TrackingStore>][] = [
  [
    "sqlite",
    () =>
      openStore({
        config: resolveStoreConfig({ url: `sqlite:trading-${databases++}.db` }),
        baseDir: root,
        env: {},
      }),
  ],
  [
    "postgres",
    async () =>
      openStore({
        config: resolveStoreConfig({
          url: await postgres.createDatabase(`trading_${databases++}`),
        }),
        baseDir: root,
        env: {},
      }),
  ],
];

const t = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString();

describe.each(engines)("trading records on %s", (_engine, open) => {
  it("writes orders, trades, positions and performance in batches and reads them by source and time range", async () => {
    const store = await open();
    await writeOrders(
      store,
      Array.from({ length: 1500 }, (_, i) => ({
        source: i % 2 === 0 ? "paper-1" : "paper-2",
        order_id: `o${i}`,
        time: t(1 + (i % 28)),
        symbol: "SPY",
        side: i % 3 === 0 ? "sell" : "buy",
        type: "limit",
        quantity: 10 + i,
        limit_price: 400.5,
        stop_price: null,
        status: "filled",
      })),
    );
    const paper1 = await readOrders(store, { source: "paper-1", from: t(10), to: t(20) });
    expect(paper1.length).toBeGreaterThan(0);
    expect(paper1.every((o) => o.source === "paper-1" && o.time >= t(10) && o.time < t(20))).toBe(
      true,
    );
    expect(paper1.map((o) => o.time)).toEqual([...paper1.map((o) => o.time)].sort());
    expect(paper1[0]).toMatchObject({
      symbol: "SPY",
      type: "limit",
      limit_price: 400.5,
      stop_price: null,
    });

    await writeTrades(store, [
      {
        source: "paper-1",
        order_id: "o0",
        time: t(2),
        symbol: "SPY",
        side: "buy",
        quantity: 10,
        price: 401,
        commission: 1,
      },
      {
        source: "paper-1",
        order_id: null,
        time: t(3),
        symbol: "QQQ",
        side: "sell",
        quantity: 5,
        price: 300,
        commission: 0.5,
      },
    ]);
    expect(
      (await readTrades(store, { source: "paper-1" })).map((r) => [r.symbol, r.price]),
    ).toEqual([
      ["SPY", 401],
      ["QQQ", 300],
    ]);

    await writePositions(store, [
      {
        source: "paper-1",
        time: t(2),
        symbol: "SPY",
        quantity: 10,
        average_price: 401,
        market_value: 4010,
      },
      {
        source: "paper-1",
        time: t(3),
        symbol: "SPY",
        quantity: 10,
        average_price: 401,
        market_value: 4050,
      },
    ]);
    // A snapshot written again replaces the earlier one.
    await writePositions(store, [
      {
        source: "paper-1",
        time: t(3),
        symbol: "SPY",
        quantity: 12,
        average_price: 402,
        market_value: 4860,
      },
    ]);
    expect(
      (await readPositions(store, { source: "paper-1", symbol: "SPY" })).map((p) => [
        p.time,
        p.quantity,
      ]),
    ).toEqual([
      [t(2), 10],
      [t(3), 12],
    ]);
    await writePerformance(store, [
      { source: "paper-1", time: t(2), equity: 10_000, cash: 5990, exposure: 0.401, drawdown: 0 },
      { source: "paper-1", time: t(3), equity: 9_900, cash: 5040, exposure: 0.49, drawdown: -0.01 },
      {
        source: "paper-1",
        time: t(3),
        equity: 9_950,
        cash: 5090,
        exposure: 0.49,
        drawdown: -0.005,
      },
    ]);
    expect(
      (await readPerformance(store, { source: "paper-1", from: t(3) })).map((p) => p.equity),
    ).toEqual([9_950]);
    await store.close();
  });

  it("raises, acknowledges, resolves and lists alerts by subject, state and time", async () => {
    const store = await open();
    const a = await raiseAlert(store, {
      rule: "drift.psi",
      severity: "warning",
      subject: "spy-ppo",
      payload: { psi: 0.31 },
      time: t(5),
    });
    const b = await raiseAlert(store, {
      rule: "drawdown.limit",
      severity: "critical",
      subject: "paper-1",
      time: t(6),
    });
    await raiseAlert(store, {
      rule: "drift.psi",
      severity: "info",
      subject: "spy-ppo",
      time: t(7),
    });
    expect(await acknowledgeAlert(store, a, t(8))).toBe(true);
    expect(await acknowledgeAlert(store, a, t(8))).toBe(false); // only an open alert is acknowledged
    expect(await resolveAlert(store, a, t(9))).toBe(true);
    expect(await resolveAlert(store, a, t(9))).toBe(false);
    expect(await resolveAlert(store, 999_999)).toBe(false);
    const spy = await listAlerts(store, { subject: "spy-ppo" });
    expect(spy.map((x) => [x.time, x.state])).toEqual([
      [t(7), "open"],
      [t(5), "resolved"],
    ]);
    expect(spy[1]).toMatchObject({
      id: a,
      payload: { psi: 0.31 },
      updatedAt: t(9),
      severity: "warning",
    });
    expect((await listAlerts(store, { state: "open" })).map((x) => x.subject).sort()).toEqual([
      "paper-1",
      "spy-ppo",
    ]);
    expect((await listAlerts(store, { from: t(6), to: t(7) })).map((x) => x.id)).toEqual([b]);
    expect(await listAlerts(store, { state: [] })).toEqual([]);
    await store.close();
  });

  it("stores audit lines of the server, the CLI and failed authentication as rows", async () => {
    const store = await open();
    await writeAudit(store, [
      auditRecordOf({
        time: t(1),
        requestId: "r1",
        subject: "key:deployer",
        role: "researcher",
        method: "POST",
        path: "/models/spy%20ppo/aliases",
        status: 200,
        outcome: "ok",
      }),
      auditRecordOf({
        time: t(2),
        via: "cli",
        subject: "alice",
        method: "DELETE",
        path: "/models/spy-ppo/versions/2",
        exitCode: 2,
        outcome: "refused",
      }),
      auditRecordOf({
        time: t(3),
        event: "auth_failed",
        address: "10.0.0.9",
        credential: "api-key",
        reason: "unknown_api_key",
        method: "GET",
        path: "/models",
        status: 401,
      }),
    ]);
    const rows = await listAudit(store);
    expect(rows.map((r) => [r.actor, r.action, r.target, r.outcome])).toEqual([
      ["address:10.0.0.9", "auth.failed", "/models", "denied"],
      ["cli:alice", "models.delete", "spy-ppo@2", "denied"],
      ["key:deployer", "models.alias", "spy ppo", "ok"],
    ]);
    expect(JSON.parse(rows[2]!.detail)).toEqual({
      via: "server",
      requestId: "r1",
      role: "researcher",
      method: "POST",
      path: "/models/spy%20ppo/aliases",
      status: 200,
    });
    expect((await listAudit(store, { action: "models.alias" })).length).toBe(1);
    await store.close();
  });

  it("records a complete backtest's trades, positions and equity under its run id, replacing on a second call", async () => {
    const store = await open();
    const first = await recordBacktest(store, runDir);
    const again = await recordBacktest(store, runDir);
    expect(again).toEqual(first);
    expect(first.source).toBe(runId);
    const folder = join(runDir, "stages", "backtest");
    const tradeLines = readFileSync(join(folder, "trades.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","))
      .filter((f) => f[0] === "strategy");
    const closed = tradeLines.filter((f) => f[10] === "false").length;
    expect(tradeLines.length).toBeGreaterThan(2);
    expect(first.trades).toBe(closed * 2 + (tradeLines.length - closed));
    const trades = await readTrades(store, { source: runId });
    expect(trades.length).toBe(first.trades);
    const commission = tradeLines.reduce((s, f) => s + Number(f[9]), 0);
    expect(trades.reduce((s, r) => s + r.commission, 0)).toBeCloseTo(commission, 6);
    const firstTrip = tradeLines[0]!;
    expect(trades[0]).toMatchObject({
      order_id: "trip-1",
      symbol: firstTrip[1],
      side: Number(firstTrip[2]) > 0 ? "buy" : "sell",
      quantity: Math.abs(Number(firstTrip[2])),
      price: Number(firstTrip[5]),
    });

    const equityLines = readFileSync(join(folder, "equity.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    const performance = await readPerformance(store, { source: runId });
    expect(performance.length).toBe(equityLines.length);
    const lastEquity = Number(equityLines.at(-1)!.split(",")[1]);
    expect(performance.at(-1)!.equity).toBeCloseTo(lastEquity, 6);
    const book = parsePositionsCsv(readFileSync(join(folder, "positions.csv"), "utf8"));
    const i = book.times.length - 1;
    expect(performance.at(-1)!.cash).toBeCloseTo(book.cash[i]!, 4);
    expect(performance.at(-1)!.exposure).toBeCloseTo(Math.abs(book.value[0]![i]!) / lastEquity, 4);
    expect(Math.min(...performance.map((p) => p.drawdown))).toBeLessThan(0);
    expect(Math.max(...performance.map((p) => p.drawdown))).toBe(0);

    const positions = await readPositions(store, { source: runId });
    expect(positions.length).toBe(first.positions);
    // Every change of the holding is a snapshot; the last one is what the run held at its end.
    const held = book.quantity[0]!;
    let changes = 0;
    let previous = 0;
    for (const q of held)
      if (q !== previous) {
        changes++;
        previous = q;
      }
    expect(positions.length).toBe(changes);
    expect(positions.at(-1)!.quantity).toBe(previous);
    await store.close();
  });
});

describe("recordBacktest refusals", () => {
  it("refuses a folder that is not a run, naming the folder but not its path", async () => {
    const store = await engines[0]![1]();
    const error = await recordBacktest(store, join(root, "nowhere")).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    expect((error as Error).message).toContain("nowhere");
    expect((error as Error).message).not.toContain(root);
    await store.close();
  });
});
