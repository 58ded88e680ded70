/**
 * The sweep report as one self-contained HTML document (inline CSS and SVG,
 * no scripts, no external references), from a sweep folder's files read by
 * load-sweep-folder.ts. Same input → same bytes (omit `generatedAt`).
 */
import { interruptionPoint } from "../../core/interrupt.js";
import { statLabels } from "../../backtest/stats/labels.js";
import { sweepReportMessages as m } from "../../messages/sweep-report.js";
import { renderChart } from "../charts/render.js";
import type { SectionView } from "../section-views.js";
import { loadReportTemplates, type ReportTemplates } from "../templates.js";
import { sweepSections } from "./sweep-sections.js";
import type { SweepReportInput } from "./sweep-report-input.js";

export interface SweepReportOptions {
  readonly generatedAt?: string;
  readonly templates?: ReportTemplates;
  /** Checked between sections: an aborted render throws `RunInterrupted`. */
  readonly signal?: AbortSignal;
}

export async function buildSweepSections(
  input: SweepReportInput,
  options: SweepReportOptions = {},
): Promise<SectionView[]> {
  const views: SectionView[] = [];
  for (const plan of sweepSections(input)) {
    if (options.signal) await interruptionPoint(options.signal);
    const { chartSpecs, ...rest } = plan;
    const charts = [];
    for (const spec of chartSpecs ?? []) charts.push(await renderChart(spec));
    views.push(charts.length ? { ...rest, charts } : rest);
  }
  return views;
}

export async function renderSweepReport(
  input: SweepReportInput,
  options: SweepReportOptions = {},
): Promise<string> {
  const templates = options.templates ?? loadReportTemplates();
  const sections = await buildSweepSections(input, options);
  const s = input.summary;
  return templates.sweep({
    brand: m.brand(),
    title: m.title(s.name),
    subtitle: m.subtitle(s.trials, statLabels[s.metric].label, s.direction, s.segment),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    css: templates.css,
    sections,
    toc: sections.map((v) => ({ id: v.id, title: v.title })),
    footer: m.footer(),
  });
}
