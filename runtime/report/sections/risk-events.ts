import { reportMessages } from "../../messages/report.js";
import { type EpisodeEvent, type RiskEpisode, riskEpisodes } from "../../risk/episodes.js";
import { medianBarSpacing } from "../../stats/annualization.js";
import { riskEpisodesChart } from "../charts/risk-episodes.js";
import { formatDate, formatValue } from "../format.js";
import type { RiskEventRow, TearSheetInput } from "../tear-sheet-input.js";
import { COMPACT_RISK_EPISODES } from "../pdf-mode.js";
import type { SectionBuilder } from "./section-plan.js";

/** Where the backtest stage writes every risk event (runtime/backtest/stage.ts). */
export const RISK_EVENTS_CSV = "stages/backtest/risk-events.csv";

/** Most episodes listed in the table, and most raw events in the appendix. */
const MAX_EPISODES = 100;
const MAX_EVENTS = 300;

const m = reportMessages.riskEpisodes;

/** The events with their bar: as recorded, else their time's position on the equity's time axis. */
function episodeEvents(input: TearSheetInput): EpisodeEvent[] {
  const times = input.equity?.strategy.times;
  const barOf = new Map<number, number>();
  if (times) for (let i = 0; i < times.length; i++) barOf.set(times[i]!, i);
  const distinct = [...new Set((input.riskEvents ?? []).map((e) => e.time))].sort((a, b) => a - b);
  const ordinal = new Map(distinct.map((t, i) => [t, i]));
  return (input.riskEvents ?? []).map((e: RiskEventRow) => ({
    bar: e.bar ?? barOf.get(e.time) ?? ordinal.get(e.time) ?? 0,
    time: e.time,
    rule: e.rule,
    message: e.message,
    ...(e.before !== undefined ? { before: e.before } : {}),
    ...(e.after !== undefined ? { after: e.after } : {}),
  }));
}

function perRuleNote(episodes: readonly RiskEpisode[]): string {
  const perRule = new Map<string, { episodes: number; bars: number }>();
  for (const e of episodes) {
    const r = perRule.get(e.rule) ?? { episodes: 0, bars: 0 };
    r.episodes++;
    r.bars += e.barsActive;
    perRule.set(e.rule, r);
  }
  return [...perRule].map(([rule, r]) => m.perRule(rule, r.episodes, r.bars)).join(" · ");
}

/** Risk events aggregated into episodes, a timeline of them, and where the raw log is. */
export const riskEventsSection: SectionBuilder = (input, options) => {
  const events = input.riskEvents ?? [];
  if (!events.length) return undefined;
  const episodes = riskEpisodes(episodeEvents(input));
  const times = input.equity?.strategy.times;
  const n = times?.length ?? 0;
  const barMs = times ? medianBarSpacing(times) : Number.NaN;
  const maxShown = options.compact ? COMPACT_RISK_EPISODES : MAX_EPISODES;
  const shown = episodes.slice(0, maxShown);
  const scale = (v: number | null) => formatValue(v, "ratio");
  return {
    id: "risk_events",
    title: m.title(episodes.length, events.length),
    notes: [perRuleNote(episodes), m.explain(), m.logPointer(RISK_EVENTS_CSV)],
    chartSpecs: [
      riskEpisodesChart(episodes, {
        ...(Number.isFinite(barMs) ? { barMs } : {}),
        ...(times && n > 0 ? { domain: [times[0]!, times[n - 1]!] as const } : {}),
      }),
    ],
    tables: [
      {
        headers: m.headers(),
        numeric: [3, 4, 5],
        rows: shown.map((e) => [
          { text: e.rule },
          { text: formatDate(e.firstTime) },
          { text: formatDate(e.lastTime) },
          { text: formatValue(e.barsActive, "count") },
          { text: scale(e.minScale) },
          { text: scale(e.maxScale) },
          { text: e.reason },
        ]),
        ...(episodes.length > maxShown ? { note: m.shownFirst(maxShown, episodes.length) } : {}),
      },
    ],
  };
};

/**
 * Appendix: the raw risk event log, collapsed (open it in the HTML; the PDF
 * leaves it out) — every event is in the backtest stage's CSV.
 */
export const riskEventLogSection: SectionBuilder = (input) => {
  const events = input.riskEvents ?? [];
  if (!events.length) return undefined;
  return {
    id: "risk_event_log",
    title: m.logTitle(events.length),
    notes: [m.logNote(events.length, RISK_EVENTS_CSV)],
    details: [
      {
        summary: m.logSummary(Math.min(events.length, MAX_EVENTS)),
        tables: [
          {
            headers: m.logHeaders(),
            numeric: [1, 3, 4],
            rows: events
              .slice(0, MAX_EVENTS)
              .map((e) => [
                { text: formatDate(e.time) },
                { text: e.bar !== undefined ? String(e.bar) : "" },
                { text: e.rule },
                { text: formatValue(e.before, "ratio") },
                { text: formatValue(e.after, "ratio") },
                { text: e.message },
              ]),
            ...(events.length > MAX_EVENTS
              ? { note: m.logShownFirst(MAX_EVENTS, events.length, RISK_EVENTS_CSV) }
              : {}),
          },
        ],
      },
    ],
  };
};
