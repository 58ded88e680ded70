import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRunTearSheet, tearSheetInputFromRunFolder } from "../../runtime/report/run-folder.js";
import { createReportStage } from "../../runtime/report/stage.js";
import { sectionDefaults } from "../../runtime/spec/section-defaults.js";
import { createTestRunContext } from "../support/run-context.js";
import { recordedBacktest } from "./support/real-backtest.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/receivers.js";

let hooks: WebhookReceiver;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
});
afterAll(async () => {
  await hooks?.close();
});

describe("report stage on a real backtest", () => {
  it("writes report.html and the files it is rebuilt from, evaluates KPIs and notifies", async () => {
    const ctx = createTestRunContext("report");
    const { dataset, outcome, view } = await recordedBacktest(ctx.run.dir);
    const dir = ctx.run.dir;
    writeFileSync(
      join(dir, "run.json"),
      JSON.stringify({
        id: "test-run",
        seed: 42,
        specFile: "specs/x.yaml",
        specHash: "ab".repeat(32),
        dataHash: dataset.hash,
        code: { package: "drl-workbench", version: "0.1.0", commit: "f".repeat(40), node: "v22" },
      }),
    );
    writeFileSync(
      join(dir, "spec.resolved.yaml"),
      'name: test\nseed: 42\nreport:\n  title: "Trend on EU indices"\n',
    );
    writeFileSync(
      join(dir, "spec.provenance.json"),
      JSON.stringify({ "/seed": "user", "/backtest/cash": "default" }),
    );
    mkdirSync(join(dir, "stages", "signal"), { recursive: true });
    writeFileSync(
      join(dir, "stages", "signal", "metrics.jsonl"),
      [
        { type: "train", timesteps: 100, episodes: 1, episode_reward_mean: 0.1, policy_loss: 0.5 },
        { type: "train", timesteps: 200, episodes: 2, episode_reward_mean: 0.3, policy_loss: 0.4 },
        { type: "eval", timesteps: 200, score: 0.2 },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const stage = createReportStage(
      {
        ...sectionDefaults("report"),
        title: "Trend on EU indices",
        kpis: [
          { name: "sharpe_floor", metric: "sharpeRatio", threshold: 100, direction: "below" },
          { name: "dd_cap", expr: "abs(maxDrawdown)", threshold: 0.99, direction: "above" },
        ],
        notifications: { on: ["alert"], slack: { webhook_url: hooks.url("/hook") } },
      },
      {},
    );
    expect(stage.inputs).toEqual(["backtest"]);
    const out = await stage.run(ctx, { data: dataset, backtest: outcome });
    expect(out.html).toBe(join(dir, "report.html"));
    expect(out.pdf).toBeUndefined();
    const html = readFileSync(out.html!, "utf8");
    for (const id of [
      "kpis",
      "alerts",
      "equity",
      "drawdown",
      "monthly_returns",
      "statistics",
      "trades",
      "correlation",
      "training",
      "data_quality",
      "provenance",
    ]) {
      expect(html).toContain(`<section id="${id}"`);
    }
    expect(html).not.toContain('<section id="regimes"');
    expect(html).toContain(dataset.hash);
    expect(html).toContain("Trend on EU indices");
    expect(out.metrics).toEqual({
      alerts: 1,
      "kpi.sharpe_floor": view.statistics!.sharpeRatio,
      "kpi.dd_cap": Math.abs(view.statistics!.maxDrawdown!),
    });
    expect(out.alerts.map((a) => a.triggered)).toEqual([true, false]);
    expect(out.notifications).toEqual([{ channel: "slack", kind: "alert", ok: true }]);
    expect(JSON.stringify(hooks.hits.at(-1)!.body)).toContain("sharpe_floor");
    const saved = loadRunTearSheet(ctx.run.dir);
    expect(saved.title).toBe("Trend on EU indices");
    expect(Array.from(saved.equity!.strategy.values)).toEqual(Array.from(view.equity));
    expect(saved.training?.map((c) => c.metric)).toEqual([
      "episode_reward_mean",
      "eval_score",
      "policy_loss",
    ]);
  });

  it("the report-ready notification lists the report's headline tiles, in the spec's order", async () => {
    const ctx = createTestRunContext("report");
    const { dataset, outcome } = await recordedBacktest(ctx.run.dir);
    const stage = createReportStage({
      ...sectionDefaults("report"),
      headline: ["winRate", "sharpeRatio"],
      notifications: { on: ["report_ready"], slack: { webhook_url: hooks.url("/ready") } },
    });
    const out = await stage.run(ctx, { data: dataset, backtest: outcome });
    expect(out.notifications).toEqual([{ channel: "slack", kind: "report_ready", ok: true }]);
    const saved = tearSheetInputFromRunFolder(ctx.run.dir);
    const label = (key: string) => saved.statistics!.find((s) => s.key === key)!.label;
    const body = hooks.hits.filter((h) => h.path === "/ready").at(-1)!.body as {
      blocks: { text: { text: string } }[];
    };
    const bullets = body.blocks[1]!.text.text.split("\n").filter((l) => l.startsWith("• "));
    expect(bullets.map((l) => l.slice(2, l.indexOf(": ")))).toEqual([
      label("winRate"),
      label("sharpeRatio"),
    ]);
  });

  it("prints the PDF when asked and leaves out report.html when html is false", async () => {
    const ctx = createTestRunContext("report");
    const { dataset, outcome } = await recordedBacktest(ctx.run.dir);
    const out = await createReportStage({
      ...sectionDefaults("report"),
      html: false,
      pdf: true,
      sections: ["kpis", "equity"],
    }).run(ctx, {
      data: dataset,
      backtest: outcome,
    });
    expect(out.html).toBeUndefined();
    expect(existsSync(join(ctx.run.dir, "report.html"))).toBe(false);
    expect(readFileSync(out.pdf!).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
