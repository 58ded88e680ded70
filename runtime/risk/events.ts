import type { RiskEvent } from "../contracts/portfolio.js";

/** Per-rule summary of the interventions of a run (for metrics.json and the report). */
export interface RiskEventSummary {
  readonly total: number;
  readonly byRule: Readonly<
    Record<
      string,
      {
        readonly count: number;
        readonly firstTime: number;
        readonly lastTime: number;
        /** Mean of (Σ|after| − Σ|before|): how much gross exposure the rule moved per event. */
        readonly meanGrossChange: number;
      }
    >
  >;
}

const grossOf = (w: readonly number[]) => w.reduce((a, b) => a + Math.abs(b), 0);

export function summarizeRiskEvents(events: readonly RiskEvent[]): RiskEventSummary {
  const byRule: Record<
    string,
    { count: number; firstTime: number; lastTime: number; sum: number }
  > = {};
  for (const e of events) {
    const r = byRule[e.rule] ?? { count: 0, firstTime: e.time, lastTime: e.time, sum: 0 };
    byRule[e.rule] = r;
    r.count++;
    r.firstTime = Math.min(r.firstTime, e.time);
    r.lastTime = Math.max(r.lastTime, e.time);
    r.sum += grossOf(e.after) - grossOf(e.before);
  }
  return {
    total: events.length,
    byRule: Object.fromEntries(
      Object.entries(byRule).map(([rule, r]) => [
        rule,
        {
          count: r.count,
          firstTime: r.firstTime,
          lastTime: r.lastTime,
          meanGrossChange: r.sum / r.count,
        },
      ]),
    ),
  };
}

/** CSV of the events (time ISO, bar, rule, message, before and after as `;`-joined weights). */
export function riskEventsCsv(events: readonly RiskEvent[], symbols: readonly string[]): string {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines = [
    `time,bar,rule,message,before (${symbols.join(";")}),after (${symbols.join(";")})`,
  ];
  for (const e of events) {
    lines.push(
      [
        new Date(e.time).toISOString(),
        e.bar,
        quote(e.rule),
        quote(e.message),
        e.before.join(";"),
        e.after.join(";"),
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
