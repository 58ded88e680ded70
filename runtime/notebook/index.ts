/** Notebook helpers for the tslab kernel: `show(chart)`, `table(rows)`, `report(input)`. */
export { consoleDisplay, type NotebookDisplay, tslabDisplay } from "./display.js";
export {
  createNotebookHelpers,
  type NotebookHelpers,
  report,
  type Showable,
  show,
  table,
} from "./helpers.js";
export { htmlTable, type TableOptions, type Tabular, toRecords } from "./html-table.js";
export { queryRunsFrame, runsFrame } from "./runs-frame.js";
export * as charts from "../report/charts/index.js";
// Run-folder data for the charts: a run's tear-sheet input, its training log, regimes over price.
export { loadRunTearSheet } from "../report/run-folder.js";
export { readTrainingLog } from "../report/inputs/training-file.js";
export { trainingCurvesFromJsonl } from "../report/inputs/training.js";
export { regimeOverPrice } from "../report/inputs/regimes.js";
export { renderComparison } from "../report/comparison.js";
