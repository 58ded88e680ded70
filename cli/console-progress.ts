import type { Progress } from "../runtime/core/progress.js";

export interface ProgressStream {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Progress for the terminal: a redrawn bar on a TTY, plain lines (at most one
 * per 10% step) otherwise, so logs in CI stay readable.
 */
export function createConsoleProgress(stream: ProgressStream): Progress {
  let task = "";
  let total: number | undefined;
  let lastDecile = -1;
  let lastDraw = 0;
  const tty = stream.isTTY === true;
  const describe = (info?: Record<string, number | string>): string =>
    info
      ? Object.entries(info)
          .map(([k, v]) => `${k} ${typeof v === "number" ? formatNumber(v) : v}`)
          .join("  ")
      : "";
  return {
    start(name, count) {
      task = name;
      total = count;
      lastDecile = -1;
      if (!tty) stream.write(`${task}…\n`);
    },
    update(done, info) {
      if (tty) {
        const nowMs = Date.now();
        if (nowMs - lastDraw < 80 && (total === undefined || done < total)) return;
        lastDraw = nowMs;
        const width = 24;
        const frac = total ? Math.min(1, done / total) : 0;
        const bar = total
          ? `[${"█".repeat(Math.round(frac * width)).padEnd(width, "·")}] ${Math.round(frac * 100)}%`
          : `${done}`;
        stream.write(
          `\r\x1b[2K${task} ${bar} ${describe(info)}`.slice(0, (stream.columns ?? 120) + 8),
        );
        return;
      }
      if (!total) return;
      const decile = Math.floor((10 * done) / total);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${task} ${decile * 10}% ${describe(info)}\n`);
      }
    },
    finish(summary) {
      if (tty) stream.write("\r\x1b[2K");
      if (summary) stream.write(`${task}: ${summary}\n`);
    },
  };
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(4);
}
