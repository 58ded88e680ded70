import type { ReportNotifications } from "../../spec/types.generated.js";
import { sendDiscord } from "./discord.js";
import { sendEmail } from "./email.js";
import type { Notification } from "./notification.js";
import { resolveSecret } from "./secret.js";
import { sendSlack } from "./slack.js";

export type ChannelName = "slack" | "discord" | "email";

export interface DeliveryResult {
  readonly channel: ChannelName;
  readonly kind: Notification["kind"];
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * Sends a notification to every channel configured in `report.notifications`
 * that subscribes to its kind. Secrets are resolved here, at use. A channel
 * that fails does not stop the others; every outcome is returned.
 */
export async function notify(
  config: ReportNotifications,
  n: Notification,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DeliveryResult[]> {
  const on = config.on;
  if (!on.includes(n.kind)) return [];
  const base = "/report/notifications";
  const jobs: [ChannelName, () => Promise<void>][] = [];
  const { slack, discord, email } = config;
  if (slack) {
    jobs.push([
      "slack",
      () => sendSlack(resolveSecret(slack.webhook_url, `${base}/slack/webhook_url`, env), n),
    ]);
  }
  if (discord) {
    jobs.push([
      "discord",
      () => sendDiscord(resolveSecret(discord.webhook_url, `${base}/discord/webhook_url`, env), n),
    ]);
  }
  if (email) {
    jobs.push([
      "email",
      () =>
        sendEmail(
          {
            host: email.host,
            port: email.port,
            secure: email.secure,
            requireTls: email.require_tls,
            ...(email.user ? { user: resolveSecret(email.user, `${base}/email/user`, env) } : {}),
            ...(email.password
              ? { password: resolveSecret(email.password, `${base}/email/password`, env) }
              : {}),
            from: email.from,
            to: email.to,
            attachReport: email.attach_report,
          },
          n,
        ),
    ]);
  }
  const results: DeliveryResult[] = [];
  for (const [channel, send] of jobs) {
    try {
      await send();
      results.push({ channel, kind: n.kind, ok: true });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ channel, kind: n.kind, ok: false, error: message });
    }
  }
  return results;
}
