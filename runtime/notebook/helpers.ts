import type { ChartSpec, RenderedChart } from "../report/charts/chart.js";
import { renderChart } from "../report/charts/render.js";
import { reportMessages } from "../messages/report.js";
import type { TearSheetInput } from "../report/tear-sheet-input.js";
import { renderTearSheet, type TearSheetOptions } from "../report/tear-sheet.js";
import { consoleDisplay, type NotebookDisplay, tslabDisplay } from "./display.js";
import { htmlTable, type TableOptions, type Tabular } from "./html-table.js";

/** What `show()` accepts: a chart spec from runtime/report/charts, a rendered chart, or SVG text. */
export type Showable = ChartSpec | RenderedChart | string;

export interface NotebookHelpers {
  /** Renders a chart and displays it inline (as HTML, so exports keep the SVG). */
  show(chart: Showable): Promise<void>;
  /** Displays rows (polars DataFrame, records, statistics rows, key → value) as an HTML table. */
  table(data: Tabular, options?: TableOptions): void;
  /** Displays a whole tear sheet inline (isolated in an iframe so its CSS stays inside). */
  report(input: TearSheetInput, options?: TearSheetOptions): Promise<void>;
}

const escapeAttr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

async function toRendered(chart: Showable): Promise<RenderedChart> {
  if (typeof chart === "string") {
    if (!chart.trimStart().startsWith("<svg"))
      throw new TypeError(reportMessages.notebookNotChart("string"));
    return { name: "chart", title: "", svg: chart };
  }
  if ("svg" in chart && typeof chart.svg === "string") return chart;
  if ("spec" in chart && chart.spec) return renderChart(chart);
  throw new TypeError(reportMessages.notebookNotChart(typeof chart));
}

/**
 * Notebook helpers bound to a display: tslab's inside a kernel, stdout
 * otherwise. Charts go out as text/html (tslab's HTML export strips SVG
 * children sent as image/svg+xml).
 */
export function createNotebookHelpers(display?: NotebookDisplay): NotebookHelpers {
  const out = () => display ?? tslabDisplay() ?? consoleDisplay;
  return {
    async show(chart) {
      const r = await toRendered(chart);
      const caption = r.title
        ? `<figcaption style="font-weight:600">${r.title.replace(/</g, "&lt;")}</figcaption>`
        : "";
      out().html(`<figure class="drlwb-chart" style="margin:0">${caption}${r.svg}</figure>`);
    },
    table(data, options) {
      out().html(htmlTable(data, options));
    },
    async report(input, options) {
      const html = await renderTearSheet(input, options);
      out().html(
        `<iframe title="${escapeAttr(input.title)}" style="width:100%;height:900px;border:1px solid #ddd" sandbox srcdoc="${escapeAttr(html)}"></iframe>`,
      );
    },
  };
}

/** `show(chart)` with the current display (see createNotebookHelpers). */
export function show(chart: Showable): Promise<void> {
  return createNotebookHelpers().show(chart);
}

/** `table(rows)` with the current display. */
export function table(data: Tabular, options?: TableOptions): void {
  createNotebookHelpers().table(data, options);
}

/** `report(input)`: a whole tear sheet inline. */
export function report(input: TearSheetInput, options?: TearSheetOptions): Promise<void> {
  return createNotebookHelpers().report(input, options);
}
