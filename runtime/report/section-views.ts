import type { RenderedChart } from "./charts/chart.js";
import type { ReportSectionName } from "./section-names.js";

/** One cell of a table in a section view. `cls` colors it (pos/neg/warn). */
export interface CellView {
  readonly text: string;
  readonly cls?: string;
}

export interface TableView {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellView[])[];
  /** Right-align columns with these indexes (numbers). */
  readonly numeric?: readonly number[];
  readonly note?: string;
}

export interface KpiTileView {
  readonly label: string;
  readonly value: string;
  readonly cls: string;
  readonly sub?: string;
}

/** A rendered section as the templates see it: plain strings and SVG, no numbers left to format. */
export interface SectionView {
  readonly id: ReportSectionName | string;
  readonly title: string;
  readonly charts?: readonly RenderedChart[];
  readonly tables?: readonly TableView[];
  readonly tiles?: readonly KpiTileView[];
  /** Preformatted text (the resolved spec). */
  readonly code?: string;
  readonly notes?: readonly string[];
}

export interface TearSheetView {
  readonly title: string;
  readonly subtitle?: string;
  readonly generatedAt?: string;
  readonly css: string;
  readonly sections: readonly SectionView[];
  readonly toc: readonly { id: string; title: string }[];
}
