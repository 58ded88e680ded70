import { reportMessages } from "../runtime/messages/report.js";
import type { ComparisonMetrics } from "../runtime/report/comparison-metrics.js";
import { formatValue } from "../runtime/report/format.js";

/** How the best value is shown: ANSI bold green on a terminal, else a marker after it. */
export type BestStyle =
  | { readonly kind: "color" }
  | { readonly kind: "marker"; readonly marker: string };

const BOLD_GREEN = "\x1b[1;32m";
const RESET = "\x1b[0m";
const ARROW = { higher: "↑", lower: "↓", none: "" } as const;

/** Colour when stdout is a terminal and NO_COLOR is unset or empty (https://no-color.org). */
export function bestStyle(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): BestStyle {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  return isTTY === true && !noColor ? { kind: "color" } : { kind: "marker", marker: "*" };
}

/**
 * The comparison as a terminal table: statistics as rows (with ↑/↓ for the
 * preferred direction), runs as columns, the best run's value highlighted.
 */
export function formatComparisonTable(metrics: ComparisonMetrics, style: BestStyle): string {
  const mark = style.kind === "marker" ? style.marker : "";
  const cells = metrics.rows.map((row) =>
    row.values.map((v, i) => {
      const text = formatValue(v, row.format);
      const best = row.best.includes(i);
      return {
        text: style.kind === "marker" ? text + (best ? mark : " ".repeat(mark.length)) : text,
        best,
      };
    }),
  );
  const labelWidth = Math.max("statistic".length, ...metrics.rows.map((r) => r.label.length));
  const widths = metrics.runs.map((name, j) =>
    Math.max(name.length, ...cells.map((row) => row[j]?.text.length ?? 0)),
  );
  const lines = [
    `${"statistic".padEnd(labelWidth)}   ${metrics.runs.map((n, j) => n.padStart(widths[j]!)).join("  ")}`,
  ];
  metrics.rows.forEach((row, r) => {
    const values = cells[r]!.map((c, j) => {
      const padded = c.text.padStart(widths[j]!);
      return c.best && style.kind === "color" ? `${BOLD_GREEN}${padded}${RESET}` : padded;
    });
    lines.push(
      `${row.label.padEnd(labelWidth)} ${ARROW[row.better].padEnd(1)} ${values.join("  ")}`,
    );
  });
  if (style.kind === "marker") lines.push("", reportMessages.compareTableLegend(mark));
  return `${lines.join("\n")}\n`;
}
