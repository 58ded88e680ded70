import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserError } from "../../runtime/core/errors.js";
import type { Notification } from "../../runtime/report/notifications/notification.js";
import { notify } from "../../runtime/report/notifications/notify.js";
import { resolveSecret } from "../../runtime/report/notifications/secret.js";
import { parseSecretText } from "../../runtime/spec/secret-ref.js";
import {
  type SmtpReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from "./support/receivers.js";
import { resolved } from "../support/spec-values.js";

/** `${env:NAME}` as written in a spec. */
const ref = (name: string) => `\${env:${name}}`;

let hooks: WebhookReceiver;
let smtp: SmtpReceiver;

beforeAll(async () => {
  hooks = await startWebhookReceiver();
  smtp = await startSmtpReceiver({ user: "bot", password: "s3cret" });
});

afterAll(async () => {
  await hooks?.close();
  await smtp?.close();
});

const ready: Notification = {
  kind: "report_ready",
  title: "quickstart",
  runId: "20261123-quickstart-abc",
  location: "/runs/x/report.html",
  headline: [
    { label: "Return", value: "12.30%" },
    { label: "Sharpe Ratio", value: "1.10" },
  ],
  html: "<!doctype html><title>r</title>",
};

const alert: Notification = {
  kind: "alert",
  title: "quickstart",
  alerts: [
    {
      name: "sharpe_floor",
      value: 0.3,
      threshold: 0.5,
      direction: "below",
      triggered: true,
      message: "KPI sharpe_floor = 0.3 is below the threshold 0.5",
    },
  ],
};

describe("notifications to local receivers", () => {
  it("posts to Slack and Discord webhooks and mails over SMTP, secrets from env references", async () => {
    const env = {
      SLACK_URL: hooks.url("/slack/T000/B000"),
      DISCORD_URL: hooks.url("/discord/123/abc"),
      SMTP_USER: "bot",
      SMTP_PASSWORD: "s3cret",
    };
    const config = resolved("report/notifications", {
      slack: { webhook_url: ref("SLACK_URL") },
      discord: { webhook_url: ref("DISCORD_URL") },
      email: {
        host: "127.0.0.1",
        port: smtp.port,
        user: ref("SMTP_USER"),
        password: ref("SMTP_PASSWORD"),
        from: "drlwb@example.test",
        to: ["team@example.test", "lead@example.test"],
      },
    });
    const results = await notify(config, ready, env);
    expect(results).toEqual([
      { channel: "slack", kind: "report_ready", ok: true },
      { channel: "discord", kind: "report_ready", ok: true },
      { channel: "email", kind: "report_ready", ok: true },
    ]);
    const slack = hooks.hits.find((h) => h.path === "/slack/T000/B000")!;
    expect(slack.contentType).toBe("application/json");
    expect((slack.body as { text: string }).text).toBe(
      "Report ready: quickstart [20261123-quickstart-abc]",
    );
    expect(JSON.stringify(slack.body)).toContain("Sharpe Ratio: 1.10");
    const discord = hooks.hits.find((h) => h.path === "/discord/123/abc")!;
    const embed = (discord.body as { embeds: { description: string; color: number }[] }).embeds[0]!;
    expect(embed.description).toContain("Return: 12.30%");
    expect(embed.color).toBe(0x1f5fa8);
    const mail = smtp.mails.at(-1)!;
    expect(mail.user).toBe("bot");
    expect(mail.from).toBe("drlwb@example.test");
    expect(mail.to).toEqual(["team@example.test", "lead@example.test"]);
    expect(mail.raw).toContain("Subject: Report ready: quickstart");
    expect(mail.raw).toContain("filename=report.html");
  });

  it("sends alerts only to channels subscribed to them", async () => {
    const before = hooks.hits.length;
    const env = { SLACK_URL: hooks.url("/alerts") };
    const onlyReady = await notify(
      { on: ["report_ready"], slack: { webhook_url: ref("SLACK_URL") } },
      alert,
      env,
    );
    expect(onlyReady).toEqual([]);
    expect(hooks.hits.length).toBe(before);
    const sent = await notify({ on: ["alert"], discord: { webhook_url: hooks.url("/d") } }, alert);
    expect(sent[0]!.ok).toBe(true);
    const body = hooks.hits.at(-1)!.body as { content: string; embeds: { color: number }[] };
    expect(body.content).toBe("1 KPI alert: quickstart");
    expect(body.embeds[0]!.color).toBe(0xc0392b);
  });

  it("reports a failing channel without stopping the others", async () => {
    hooks.status = 403;
    try {
      const results = await notify(
        resolved("report/notifications", {
          slack: { webhook_url: hooks.url("/bad") },
          email: {
            host: "127.0.0.1",
            port: smtp.port,
            user: "bot",
            password: "wrong",
            from: "a@b.c",
            to: ["x@y.z"],
          },
        }),
        alert,
      );
      expect(results.map((r) => [r.channel, r.ok])).toEqual([
        ["slack", false],
        ["email", false],
      ]);
      expect(results[0]!.error).toContain("HTTP 403");
    } finally {
      hooks.status = 204;
    }
  });

  it("resolves env-reference secrets at use and names a missing one", () => {
    expect(resolveSecret(ref("A"), "/x", { A: "v" })).toBe("v");
    expect(resolveSecret("plain", "/x", {})).toBe("plain");
    expect(resolveSecret(parseSecretText(`Bearer ${ref("T")}`).ref, "/x", { T: "tok" })).toBe(
      "Bearer tok",
    );
    try {
      resolveSecret(ref("MISSING_HOOK"), "/report/notifications/slack/webhook_url", {});
      expect.unreachable();
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      expect((error as Error).message).toContain("MISSING_HOOK");
      expect((error as Error).message).toContain("/report/notifications/slack/webhook_url");
    }
  });
});
