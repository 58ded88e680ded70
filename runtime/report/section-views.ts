import type { RenderedChart } from "./charts/chart.js";
import type { InteractiveRuntime } from "./interactive-runtime.js";
import type { ReportSectionName } from "./section-names.js";

/** One cell of a table in a section view. `cls` colors it (pos/neg/warn). */
export interface CellView {
  readonly text: string;
  readonly cls?: string;
  /** Tooltip (the statistic's definition). */
  readonly title?: string;
}

export interface TableView {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly CellView[])[];
  /** Right-align columns with these indexes (numbers). */
  readonly numeric?: readonly number[];
  readonly note?: string;
  /** Shown above the table (a group's name). */
  readonly caption?: string;
}

/** Content shown collapsed (a closed <details>; left out of the PDF). */
export interface DetailsView {
  readonly summary: string;
  readonly tables?: readonly TableView[];
  readonly code?: string;
}

/** A statement shown first in its section, emphasised (the verdict). */
export interface LeadView {
  readonly text: string;
  readonly cls?: string;
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
  /** Statements shown first (before the tiles). */
  readonly lead?: readonly LeadView[];
  /** Collapsed content after the tables. */
  readonly details?: readonly DetailsView[];
}

export interface TearSheetView {
  readonly title: string;
  readonly subtitle?: string;
  readonly generatedAt?: string;
  readonly css: string;
  readonly sections: readonly SectionView[];
  readonly toc: readonly { id: string; title: string }[];
  /** The compact PDF's document (denser layout). */
  readonly compact?: boolean;
  /** The page's last line (self-contained, what is inlined). */
  readonly footer: string;
  /** How to use the interactive charts (interactive HTML only). */
  readonly chartHint?: string;
  /** The inline vega runtime and page script (interactive HTML only). */
  readonly interactive?: InteractiveRuntime;
}
