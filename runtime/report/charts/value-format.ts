import type { ValueFormat } from "../tear-sheet-input.js";

/** The d3 format string of a statistic's value format, for axes, legends and cell labels. */
export function d3FormatOf(format: ValueFormat): string {
  switch (format) {
    case "percent":
      return ".1%";
    case "ratio":
      return ".2f";
    case "currency":
    case "count":
    case "days":
      return ",.0f";
    default:
      return ".3~g";
  }
}
