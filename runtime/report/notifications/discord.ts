import { type Notification, notificationSubject, notificationText } from "./notification.js";
import { postJson } from "./webhook.js";

/** Discord webhook payload: short content plus one embed (red for alerts). */
export function discordPayload(n: Notification): Record<string, unknown> {
  const lines = notificationText(n).split("\n").slice(1);
  return {
    content: notificationSubject(n).slice(0, 2000),
    embeds: [
      {
        title: notificationSubject(n).slice(0, 256),
        description: lines.join("\n").slice(0, 4000),
        color: n.kind === "alert" ? 0xc0392b : 0x1f5fa8,
      },
    ],
    allowed_mentions: { parse: [] },
  };
}

export function sendDiscord(webhookUrl: string, n: Notification): Promise<void> {
  return postJson(webhookUrl, discordPayload(n));
}
