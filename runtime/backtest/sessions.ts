/**
 * Trading sessions for intraday bars: which bars may trade and which bar
 * ends each session (to flatten positions overnight). Times are local to
 * `timezone` (IANA name, default UTC); a bar belongs to the session when its
 * timestamp (bar open time) is in [open, close).
 */
import type { BacktestSessions } from "../spec/types.generated.js";
/** The `backtest.sessions` section, normalized (its defaults are the schema's). */
export type SessionsSection = BacktestSessions;

export interface SessionMask {
  /** 1 where orders may fill. */
  readonly tradable: Uint8Array;
  /** 1 at the last tradable bar of each session. */
  readonly sessionEnd: Uint8Array;
  readonly flattenAtClose: boolean;
}

function minutesOf(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`session time "${text}" is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function buildSessionMask(timestamps: Float64Array, section: SessionsSection): SessionMask {
  const open = minutesOf(section.open);
  const close = minutesOf(section.close);
  const weekdays = new Set(section.weekdays);
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone: section.timezone,
    hourCycle: "h23",
    weekday: "short",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const n = timestamps.length;
  const tradable = new Uint8Array(n);
  const sessionEnd = new Uint8Array(n);
  const dayKey: string[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const parts = format.formatToParts(new Date(timestamps[t]!));
    const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
    const minute = Number(get("hour")) * 60 + Number(get("minute"));
    const weekday = dayNames.indexOf(get("weekday"));
    dayKey[t] = `${get("year")}-${get("month")}-${get("day")}`;
    const inWindow =
      open <= close ? minute >= open && minute < close : minute >= open || minute < close;
    tradable[t] = inWindow && weekdays.has(weekday) ? 1 : 0;
  }
  for (let t = 0; t < n; t++) {
    if (!tradable[t]) continue;
    const next = t + 1 < n ? t + 1 : -1;
    if (next < 0 || !tradable[next] || dayKey[next] !== dayKey[t]) sessionEnd[t] = 1;
  }
  return { tradable, sessionEnd, flattenAtClose: section.flatten_at_close };
}

/**
 * Session rules for target weights (vectorized engine): outside a session no
 * new decision is taken (the last in-session target is held), and with
 * `flatten_at_close` the target at each session's last bar is 0. With
 * `fill: this_close` that flattening fills at the session's last close; with
 * `next_open` the engine closes the positions at that close too when given
 * the mask's `sessionEnd` as `flattenAt` (the backtest stage does).
 */
export function applySessionsToWeights(
  weights: readonly Float64Array[],
  mask: SessionMask,
): Float64Array[] {
  return weights.map((w) => {
    const out = new Float64Array(w.length);
    let held = 0;
    for (let t = 0; t < w.length; t++) {
      if (mask.tradable[t]) held = Number.isNaN(w[t]!) ? 0 : w[t]!;
      out[t] =
        mask.flattenAtClose && mask.sessionEnd[t]
          ? 0
          : mask.flattenAtClose && !mask.tradable[t]
            ? 0
            : held;
    }
    return out;
  });
}
