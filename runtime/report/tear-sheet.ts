import { interruptionPoint } from "../core/interrupt.js";
import { renderChart } from "./charts/render.js";
import { REPORT_SECTIONS, type ReportSectionName } from "./section-names.js";
import type { SectionView, TearSheetView } from "./section-views.js";
import { type SectionOptions, sectionBuilders } from "./sections/index.js";
import type { TearSheetInput } from "./tear-sheet-input.js";
import { loadReportTemplates, type ReportTemplates } from "./templates.js";

export interface TearSheetOptions extends SectionOptions {
  /** Sections to include, in page order (default: all); sections without data are left out anyway. */
  readonly sections?: readonly ReportSectionName[];
  /** Shown under the title; omit for byte-identical output across renders. */
  readonly generatedAt?: string;
  /** Reuse compiled templates across renders. */
  readonly templates?: ReportTemplates;
  /** Checked between sections: an aborted render throws `RunInterrupted`. */
  readonly signal?: AbortSignal;
}

/** Builds the view of every section that has data, rendering its charts to SVG. */
export async function buildTearSheetSections(
  input: TearSheetInput,
  options: TearSheetOptions = {},
): Promise<SectionView[]> {
  const wanted = new Set(options.sections ?? REPORT_SECTIONS);
  const builders = sectionBuilders();
  const views: SectionView[] = [];
  for (const name of REPORT_SECTIONS) {
    if (!wanted.has(name)) continue;
    if (options.signal) await interruptionPoint(options.signal);
    const plan = builders[name](input, options);
    if (!plan) continue;
    const { chartSpecs, ...rest } = plan;
    const charts = [];
    for (const spec of chartSpecs ?? []) charts.push(await renderChart(spec));
    views.push(charts.length ? { ...rest, charts } : rest);
  }
  return views;
}

/**
 * The tear sheet as one self-contained HTML document: inline CSS and SVG, no
 * scripts, no external references (a Content-Security-Policy forbids any).
 */
export async function renderTearSheet(
  input: TearSheetInput,
  options: TearSheetOptions = {},
): Promise<string> {
  const templates = options.templates ?? loadReportTemplates();
  const sections = await buildTearSheetSections(input, options);
  const view: TearSheetView = {
    title: input.title,
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    css: templates.css,
    sections,
    toc: sections.filter((s) => s.id !== "kpis").map((s) => ({ id: s.id, title: s.title })),
  };
  return templates.tearSheet(view);
}
