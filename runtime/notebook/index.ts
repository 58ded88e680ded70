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
export * as charts from "../report/charts/index.js";
