/**
 * Risk events aggregated into episodes: a rule that intervenes on bar after
 * bar for the same reason is one episode (first bar, last bar, bars active,
 * the smallest and largest exposure scale it applied), not hundreds of rows.
 *
 * The reason of an event is its message with the figures masked
 * (`drawdown 10.6%: exposure scaled to 50.0%` and `drawdown 9.1%: …` are the
 * same reason); the episode shows the message of its first bar. Events of the
 * same rule and reason on consecutive bars (or the same bar) merge; a bar
 * without one splits the episode.
 */

/** What an episode needs of a risk event (RiskEvent, or a report's event row). */
export interface EpisodeEvent {
  readonly bar: number;
  readonly time: number;
  readonly rule: string;
  readonly message: string;
  /** Gross exposure (Σ|w|) before and after the rule, when known. */
  readonly before?: number;
  readonly after?: number;
}

export interface RiskEpisode {
  readonly rule: string;
  /** The message of the episode's first event. */
  readonly reason: string;
  readonly firstBar: number;
  readonly lastBar: number;
  readonly firstTime: number;
  readonly lastTime: number;
  /** Bars with at least one event of the episode (lastBar − firstBar + 1). */
  readonly barsActive: number;
  readonly events: number;
  /** Smallest and largest after/before gross-exposure ratio (null when no event had exposure before it). */
  readonly minScale: number | null;
  readonly maxScale: number | null;
}

/** A message with its numbers masked: the reason events of one episode share. */
export function reasonKey(message: string): string {
  return message.replace(/[-+−]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/gi, "#");
}

interface Open {
  rule: string;
  key: string;
  reason: string;
  firstBar: number;
  lastBar: number;
  firstTime: number;
  lastTime: number;
  events: number;
  minScale: number;
  maxScale: number;
}

function scaleOf(e: EpisodeEvent): number {
  if (e.before === undefined || e.after === undefined || !(e.before > 0)) return Number.NaN;
  const scale = e.after / e.before;
  return Number.isFinite(scale) ? scale : Number.NaN;
}

function close(o: Open): RiskEpisode {
  return {
    rule: o.rule,
    reason: o.reason,
    firstBar: o.firstBar,
    lastBar: o.lastBar,
    firstTime: o.firstTime,
    lastTime: o.lastTime,
    barsActive: o.lastBar - o.firstBar + 1,
    events: o.events,
    minScale: Number.isFinite(o.minScale) ? o.minScale : null,
    maxScale: Number.isFinite(o.maxScale) ? o.maxScale : null,
  };
}

/**
 * The episodes of a run's risk events, ordered by first bar (then rule). The
 * events may come in any order; ties keep the order given.
 */
export function riskEpisodes(events: readonly EpisodeEvent[]): RiskEpisode[] {
  const sorted = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.bar - b.e.bar || a.i - b.i)
    .map(({ e }) => e);
  const open = new Map<string, Open>();
  const done: RiskEpisode[] = [];
  for (const e of sorted) {
    const key = `${e.rule}\u0000${reasonKey(e.message)}`;
    const scale = scaleOf(e);
    const current = open.get(key);
    if (current && e.bar - current.lastBar <= 1) {
      current.lastBar = e.bar;
      current.lastTime = e.time;
      current.events++;
      if (Number.isFinite(scale)) {
        current.minScale = Number.isFinite(current.minScale)
          ? Math.min(current.minScale, scale)
          : scale;
        current.maxScale = Number.isFinite(current.maxScale)
          ? Math.max(current.maxScale, scale)
          : scale;
      }
      continue;
    }
    if (current) done.push(close(current));
    open.set(key, {
      rule: e.rule,
      key,
      reason: e.message,
      firstBar: e.bar,
      lastBar: e.bar,
      firstTime: e.time,
      lastTime: e.time,
      events: 1,
      minScale: scale,
      maxScale: scale,
    });
  }
  for (const o of open.values()) done.push(close(o));
  return done.sort(
    (a, b) => a.firstBar - b.firstBar || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}
