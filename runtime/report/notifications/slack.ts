import { type Notification, notificationSubject, notificationText } from "./notification.js";
import { postJson } from "./webhook.js";

/** Slack incoming-webhook payload: fallback text plus blocks. */
export function slackPayload(n: Notification): Record<string, unknown> {
  const lines = notificationText(n).split("\n").slice(1);
  return {
    text: notificationSubject(n),
    blocks: [
      { type: "header", text: { type: "plain_text", text: notificationSubject(n).slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: lines.join("\n") || " " } },
    ],
  };
}

export function sendSlack(webhookUrl: string, n: Notification): Promise<void> {
  return postJson(webhookUrl, slackPayload(n));
}
