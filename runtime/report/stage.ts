import { interruptionPoint } from "../core/interrupt.js";
import { outputFields, type RunContext, type Stage } from "../core/stage.js";
import { reportMessages } from "../messages/report.js";
import { formatValue } from "./format.js";
import { headlineStatistics } from "./headline.js";
import { isBacktestOutcome } from "./inputs/backtest-outcome.js";
import { PRICES_FILE, pricesCsv, reportBarSpan } from "./inputs/prices-file.js";
import { backtestRiskReports, riskReportSourceOf, riskReportsJson } from "./inputs/scenarios.js";
import type { Notification } from "./notifications/notification.js";
import { type DeliveryResult, notify } from "./notifications/notify.js";
import { renderPdf } from "./pdf.js";
import type { ReportSpec } from "../spec/types.generated.js";
import { tearSheetInputFromRunFolder } from "./run-folder.js";
import type { KpiAlertRow, TearSheetInput } from "./tear-sheet-input.js";
import { renderReportDocuments } from "./tear-sheet.js";

export interface ReportStageOutput {
  /** Absolute path of report.html (written unless `report.html: false`). */
  readonly html?: string;
  readonly pdf?: string;
  readonly alerts: readonly KpiAlertRow[];
  readonly notifications: readonly DeliveryResult[];
  /** KPI values and the alert count, recorded in metrics.json. */
  readonly metrics: Record<string, number | null>;
}

export interface ReportStageOptions {
  /** Environment for `${env:}` secrets (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The plan has a data stage: draw the price, segments and data quality from it. */
  readonly withData?: boolean;
  /** The plan has a regime stage: shade its labels over the price. */
  readonly withRegime?: boolean;
}

/** Every field of the report stage's output. */
const REPORT_OUTPUT_FIELDS = outputFields<ReportStageOutput>({
  html: true,
  pdf: true,
  alerts: true,
  notifications: true,
  metrics: true,
});

/** The report's headline tiles (report.headline), as the report-ready notification lists them. */
function headlineOf(input: TearSheetInput): { label: string; value: string }[] {
  return headlineStatistics(input).map((s) => ({
    label: s.label,
    value: formatValue(s.strategy, s.format),
  }));
}

async function sendNotifications(
  ctx: RunContext,
  section: ReportSpec,
  input: TearSheetInput,
  html: string,
  location: string,
  env: ReportStageOptions["env"],
): Promise<DeliveryResult[]> {
  const config = section.notifications;
  if (!config) return [];
  const messages: Notification[] = [
    {
      kind: "report_ready",
      title: input.title,
      runId: ctx.runId,
      location,
      headline: headlineOf(input),
      html,
    },
  ];
  const triggered = (input.alerts ?? []).filter((a) => a.triggered);
  if (triggered.length) {
    messages.push({ kind: "alert", title: input.title, runId: ctx.runId, alerts: triggered });
  }
  const results: DeliveryResult[] = [];
  for (const message of messages) results.push(...(await notify(config, message, env)));
  for (const r of results) {
    if (r.ok) ctx.logger.log("info", reportMessages.notificationSent(r.channel));
    else ctx.logger.log("warn", reportMessages.notificationFailed(r.channel, r.error ?? ""));
  }
  return results;
}

/**
 * The report stage: writes what the report needs that no earlier stage kept
 * (`stages/report/prices.csv`, `risk-report.json`), assembles the
 * TearSheetInput from the run folder (`tearSheetInputFromRunFolder`, as
 * `drlwb report <run>` does), evaluates the custom KPIs (alerts.json),
 * writes `report.html` (and `report.pdf`) at the run folder's root, then
 * sends the configured notifications (a failed delivery is logged, not fatal).
 */
export function createReportStage(
  section: ReportSpec,
  options: ReportStageOptions = {},
): Stage<"report", "backtest", "data" | "regime"> {
  return {
    kind: "report",
    type: "tear_sheet",
    inputs: [
      ...(options.withData ? (["data"] as const) : []),
      ...(options.withRegime ? (["regime"] as const) : []),
      "backtest",
    ],
    config: section,
    produces: REPORT_OUTPUT_FIELDS,
    reads: {
      ...(options.withData ? { data: ["panel", "segments", "quality"] } : {}),
      ...(options.withRegime
        ? { regime: ["stateNames", "timestamps", "labels", "series", "warnings"] }
        : {}),
      backtest: [
        "symbols",
        "strategy",
        "benchmark",
        "baseline",
        "riskEvents",
        // the verdict's segment; the risk report's bars of the panel (and futures/options: no weights)
        "segment",
        "range",
        "derivatives",
      ],
    },
    // report.html, report.pdf, alerts.json, run.log (the deliveries).
    records: ["html", "pdf", "alerts", "notifications"],
    async run(ctx, input) {
      // What the report needs that no earlier stage kept: the backtest's risk
      // reports (scenario analysis) and the bars it draws. Then the tear sheet
      // is assembled from the run folder, as `drlwb report <run>` rebuilds it.
      if (isBacktestOutcome(input.backtest)) {
        const riskReports = backtestRiskReports(
          riskReportSourceOf(input.backtest, input.data?.panel),
        );
        ctx.artifacts.writeJson("risk-report.json", riskReportsJson(riskReports));
      }
      if (input.data) {
        const range = isBacktestOutcome(input.backtest) ? input.backtest.range : undefined;
        const span = reportBarSpan(input.data.panel, range, input.data.segments);
        ctx.artifacts.writeText(PRICES_FILE, pricesCsv(input.data.panel, span));
      }
      const tearSheet = tearSheetInputFromRunFolder(ctx.run.dir, {
        report: section,
        runName: ctx.run.name,
        runId: ctx.runId,
      });
      const alerts = tearSheet.alerts ?? [];
      if (alerts.length) ctx.artifacts.writeJson("alerts.json", alerts);
      await interruptionPoint(ctx.signal);
      // The interactive HTML and the PDF's static document share the rendered charts.
      const documents = await renderReportDocuments(tearSheet, {
        logScale: section.log_scale,
        maxTrades: section.max_trades,
        sections: section.sections,
        signal: ctx.signal,
        ...(section.pdf ? { pdf: section.pdf_mode } : {}),
      });
      const html = documents.html;
      await interruptionPoint(ctx.signal);
      const htmlPath = section.html ? ctx.artifacts.writeText("/report.html", html) : undefined;
      const pdfPath = documents.pdfHtml
        ? ctx.artifacts.writeBytes(
            "/report.pdf",
            await renderPdf(documents.pdfHtml, { signal: ctx.signal }),
          )
        : undefined;
      await interruptionPoint(ctx.signal);
      const location = htmlPath ?? pdfPath ?? ctx.run.dir;
      const notifications = await sendNotifications(
        ctx,
        section,
        tearSheet,
        html,
        location,
        options.env,
      );
      const metrics: Record<string, number | null> = {
        alerts: alerts.filter((a) => a.triggered).length,
      };
      for (const a of alerts) metrics[`kpi.${a.name}`] = a.value;
      return {
        ...(htmlPath ? { html: htmlPath } : {}),
        ...(pdfPath ? { pdf: pdfPath } : {}),
        alerts,
        notifications,
        metrics,
      };
    },
  };
}
