import type { ValueFormat } from "./tear-sheet-input.js";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat("en-US", {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

/** ISO date (UTC) of an epoch-ms time: `2017-12-29`. */
export function formatDate(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : "—";
}

/** A duration in ms as days ("17 d"), or hours/minutes below a day. */
export function formatDuration(ms: number): string {
  const day = 86_400_000;
  if (Math.abs(ms) >= day) return `${integer.format(ms / day)} d`;
  if (Math.abs(ms) >= 3_600_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${integer.format(ms / 60_000)} min`;
}

/** A statistic as text; null, NaN and ±Infinity show as "—". */
export function formatValue(value: number | null | undefined, format: ValueFormat): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (format) {
    case "percent":
      return `${(value * 100).toFixed(2)}%`;
    case "ratio":
      return value.toFixed(2);
    case "currency":
      return money.format(value);
    case "count":
      return integer.format(value);
    case "days":
      return `${integer.format(value)} d`;
    case "duration":
      return formatDuration(value);
    case "date":
      return formatDate(value);
    default:
      return plain.format(value);
  }
}

/** "pos" / "neg" / "" for coloring returns and differences. */
export function signClass(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return "";
  return value > 0 ? "pos" : "neg";
}
