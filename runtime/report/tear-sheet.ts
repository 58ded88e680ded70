import { interruptionPoint } from "../core/interrupt.js";
import type { ChartSpec, RenderedChart } from "./charts/chart.js";
import { compileInteractive } from "./charts/interactive.js";
import { renderChart } from "./charts/render.js";
import { reportMessages } from "../messages/report.js";
import { interactiveRuntime } from "./interactive-runtime.js";
import { type PdfMode, pdfSections } from "./pdf-mode.js";
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
  /**
   * Embed the vega runtime and every chart's spec: tooltips, zoom/pan on time
   * axes, linked equity/drawdown/allocations (default true). false: static
   * SVG only, no script (what the PDF prints).
   */
  readonly interactive?: boolean;
}

const messages = reportMessages.interactive;

/** Static SVGs already rendered, by name and spec, so a second document of the same report reuses them. */
export type ChartCache = Map<string, RenderedChart>;

async function renderOne(
  spec: ChartSpec,
  interactive: boolean,
  cache: ChartCache | undefined,
): Promise<RenderedChart> {
  const key = cache ? `${spec.name}:${JSON.stringify(spec.spec)}` : "";
  let svg = cache?.get(key);
  if (!svg) {
    svg = await renderChart(spec);
    cache?.set(key, svg);
  }
  if (!interactive) return svg;
  const live = await compileInteractive(spec);
  return { ...svg, vega: live.vegaJson, ...(live.linked ? { linked: true } : {}) };
}

/** Builds the view of every section that has data, rendering its charts to SVG. */
export async function buildTearSheetSections(
  input: TearSheetInput,
  options: TearSheetOptions = {},
  cache?: ChartCache,
): Promise<SectionView[]> {
  const wanted = new Set(options.sections ?? REPORT_SECTIONS);
  const interactive = options.interactive ?? false;
  const builders = sectionBuilders();
  const views: SectionView[] = [];
  for (const name of REPORT_SECTIONS) {
    if (!wanted.has(name)) continue;
    if (options.signal) await interruptionPoint(options.signal);
    const plan = builders[name](input, options);
    if (!plan) continue;
    const { chartSpecs, ...rest } = plan;
    const charts = [];
    for (const spec of chartSpecs ?? []) charts.push(await renderOne(spec, interactive, cache));
    views.push(charts.length ? { ...rest, charts } : rest);
  }
  return views;
}

/** The HTML document of built sections (with the inline vega runtime when `interactive`). */
export function tearSheetDocument(
  input: TearSheetInput,
  sections: readonly SectionView[],
  options: Pick<TearSheetOptions, "generatedAt" | "templates" | "interactive" | "compact"> = {},
): string {
  const templates = options.templates ?? loadReportTemplates();
  const interactive =
    options.interactive !== false && sections.some((s) => s.charts?.some((c) => c.vega));
  const runtime = interactive ? interactiveRuntime(templates.dir) : undefined;
  const view: TearSheetView = {
    title: input.title,
    ...(input.subtitle ? { subtitle: input.subtitle } : {}),
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    css: templates.css,
    sections,
    toc: sections.filter((s) => s.id !== "kpis").map((s) => ({ id: s.id, title: s.title })),
    footer: runtime ? messages.footer() : messages.staticFooter(),
    ...(options.compact ? { compact: true } : {}),
    ...(runtime ? { interactive: runtime, chartHint: messages.chartHint() } : {}),
  };
  return templates.tearSheet(view);
}

/**
 * The tear sheet as one self-contained HTML document: inline CSS, SVG and
 * (interactive, the default) the vega runtime with each chart's spec; no
 * external references (a Content-Security-Policy forbids any request).
 */
export async function renderTearSheet(
  input: TearSheetInput,
  options: TearSheetOptions = {},
): Promise<string> {
  const interactive = options.interactive ?? true;
  const sections = await buildTearSheetSections(input, { ...options, interactive });
  return tearSheetDocument(input, sections, { ...options, interactive });
}

/** The report's HTML and, when asked, the static document its PDF is printed from. */
export interface ReportDocuments {
  readonly html: string;
  /** Static (no script), the sections of the PDF mode. */
  readonly pdfHtml?: string;
}

/**
 * The interactive HTML and the PDF's static document of one report, sharing
 * the rendered charts: a `compact` PDF holds the story's sections (key
 * statistics, the first risk episodes), `full` every section of the HTML.
 */
export async function renderReportDocuments(
  input: TearSheetInput,
  options: TearSheetOptions & { readonly pdf?: PdfMode; readonly html?: boolean },
): Promise<ReportDocuments> {
  const cache: ChartCache = new Map();
  const wanted = options.sections ?? REPORT_SECTIONS;
  const templates = options.templates ?? loadReportTemplates();
  const html =
    options.html === false
      ? ""
      : tearSheetDocument(
          input,
          await buildTearSheetSections(input, { ...options, interactive: true }, cache),
          { ...options, templates, interactive: true },
        );
  if (!options.pdf) return { html };
  const compact = options.pdf === "compact";
  const sections = await buildTearSheetSections(
    input,
    { ...options, interactive: false, compact, sections: pdfSections(options.pdf, wanted) },
    cache,
  );
  return {
    html,
    pdfHtml: tearSheetDocument(input, sections, {
      ...options,
      templates,
      interactive: false,
      compact,
    }),
  };
}
