import type { ChartSpec } from "../charts/chart.js";
import type { SectionView } from "../section-views.js";
import type { ReportSectionName } from "../section-names.js";
import type { TearSheetInput } from "../tear-sheet-input.js";

/** A section before its charts are rendered. */
export interface SectionPlan extends Omit<SectionView, "charts"> {
  readonly id: ReportSectionName;
  readonly chartSpecs?: readonly ChartSpec[];
}

export interface SectionOptions {
  /** Log-scaled equity axis. */
  readonly logScale?: boolean;
  /** Most trades listed in the trades table (the first and last halves are kept). */
  readonly maxTrades?: number;
  /** The compact PDF's version: key statistics only, the first risk episodes. */
  readonly compact?: boolean;
}

/** Builds one section from the input, or undefined when the input has no data for it. */
export type SectionBuilder = (
  input: TearSheetInput,
  options: SectionOptions,
) => SectionPlan | undefined;
