import type { KpiAlertRow } from "../tear-sheet-input.js";

/** What a notification is about; composed once, formatted per channel. */
export type Notification =
  | {
      readonly kind: "report_ready";
      readonly title: string;
      readonly runId?: string;
      /** Where the report is (a path or URL). */
      readonly location: string;
      /** Headline figures as label → formatted value. */
      readonly headline: readonly { label: string; value: string }[];
      /** The HTML report, for channels that attach it (email). */
      readonly html?: string;
    }
  | {
      readonly kind: "alert";
      readonly title: string;
      readonly runId?: string;
      readonly alerts: readonly KpiAlertRow[];
    };

export type NotificationKind = Notification["kind"];

/** Subject line / first line of a notification. */
export function notificationSubject(n: Notification): string {
  const run = n.runId ? ` [${n.runId}]` : "";
  return n.kind === "report_ready"
    ? `Report ready: ${n.title}${run}`
    : `${n.alerts.length} KPI alert${n.alerts.length === 1 ? "" : "s"}: ${n.title}${run}`;
}

/** Plain-text body shared by every channel. */
export function notificationText(n: Notification): string {
  if (n.kind === "report_ready") {
    return [
      notificationSubject(n),
      ...n.headline.map((h) => `• ${h.label}: ${h.value}`),
      `Report: ${n.location}`,
    ].join("\n");
  }
  return [notificationSubject(n), ...n.alerts.map((a) => `⚠ ${a.message}`)].join("\n");
}
