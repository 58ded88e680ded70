import { createTransport } from "nodemailer";
import { type Notification, notificationSubject, notificationText } from "./notification.js";

/** SMTP settings with secrets already resolved. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** Implicit TLS (port 465). */
  readonly secure: boolean;
  /** Refuse to send without STARTTLS. */
  readonly requireTls: boolean;
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
  readonly to: readonly string[];
  /** Attach the HTML report to report-ready mails. */
  readonly attachReport: boolean;
}

/** Sends one notification as a plain-text mail (with the report attached when asked). */
export async function sendEmail(settings: SmtpSettings, n: Notification): Promise<void> {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTls,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? "" } } : {}),
    connectionTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: settings.from,
      to: [...settings.to],
      subject: notificationSubject(n),
      text: notificationText(n),
      ...(n.kind === "report_ready" && settings.attachReport && n.html
        ? { attachments: [{ filename: "report.html", content: n.html, contentType: "text/html" }] }
        : {}),
    });
  } finally {
    transport.close();
  }
}
