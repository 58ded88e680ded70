import { describe, expect, it } from "vitest";
import { createStreamProcessor } from "../../runtime/data/streaming/stream-processor.js";
import type { StreamBar } from "../../runtime/data/streaming/stream-events.js";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import { createRegimeStage as createResolved } from "../../runtime/regime/stage.js";
import { withDefaults } from "../support/spec-values.js";
import { createRegimeStream, type HmmRegimeModel } from "../../runtime/regime/stream.js";
import { readOhlcvCsv } from "../support/csv-panel.js";
import { segmentsByDate, testContext } from "./support/context.js";
import { panelDataset } from "../support/panel-dataset.js";

/** The stage of a regime section with the schema's defaults filled, as a loaded spec holds it (not validated, so the stage's own checks see bad values). */
function createRegimeStage(section: Record<string, unknown>) {
  return createResolved(withDefaults("regime", section));
}

function barsOf(panel: OhlcvPanel): StreamBar[] {
  const out: StreamBar[] = [];
  panel.timestamps.forEach((ts, t) => {
    panel.symbols.forEach((symbol, s) => {
      out.push({
        type: "bar",
        symbol,
        ts,
        open: panel.open[s]![t]!,
        high: panel.high[s]![t]!,
        low: panel.low[s]![t]!,
        close: panel.close[s]![t]!,
        volume: panel.volume[s]![t]!,
      });
    });
  });
  return out;
}

describe("real-time regimes", () => {
  it("the streamed filter through the data stream processor equals the batch filtered probabilities (1e-12)", async () => {
    const panel = readOhlcvCsv("sp500_daily_2000_2020_vega.csv", "SPX");
    const segments = segmentsByDate(panel, "2012-01-01", "2014-01-01");
    const batch = await createRegimeStage({
      type: "hmm",
      states: 3,
      restarts: 1,
      features: ["log_return", "range", "realized_vol"],
      covariance: "full",
    }).run(testContext(), { data: panelDataset(panel, segments) });
    const processor = createStreamProcessor({ symbols: panel.symbols });
    const stream = createRegimeStream(batch.model as unknown as HmmRegimeModel, panel.symbols);
    const byTs = new Map(Array.from(panel.timestamps, (ts, t) => [ts, t]));
    let updates = 0;
    let changes = 0;
    for (const event of barsOf(panel)) {
      for (const bar of processor.push(event)) {
        for (const u of stream.push(bar)) {
          const t = byTs.get(u.ts)!;
          expect(u.label).toBe(batch.labels[t]);
          u.probabilities.forEach((p, s) => {
            expect(Math.abs(p - batch.probabilities[s]![t]!)).toBeLessThanOrEqual(1e-12);
          });
          updates++;
          if (u.changed) changes++;
        }
      }
    }
    for (const bar of processor.flush()) stream.push(bar);
    expect(updates).toBeGreaterThan(panel.timestamps.length - 30);
    expect(changes).toBeGreaterThan(10);
  });

  it("waits for every symbol of a basket before advancing", async () => {
    const n = 300;
    const make = (f: (t: number) => number) => Float64Array.from({ length: n }, (_, t) => f(t));
    const a = make((t) => 100 * Math.exp(0.01 * Math.sin(t * 0.7) + 0.0005 * t));
    const b = make((t) => 50 * Math.exp(0.02 * Math.cos(t * 0.3) * (t > 150 ? 3 : 1)));
    const ts = make((t) => Date.UTC(2020, 0, 1) + t * 86_400_000);
    const panel: OhlcvPanel = {
      timestamps: ts,
      symbols: ["A", "B"],
      open: [a, b],
      high: [a.map((v) => v * 1.01), b.map((v) => v * 1.02)],
      low: [a.map((v) => v * 0.99), b.map((v) => v * 0.98)],
      close: [a, b],
      volume: [a.map(() => 0), b.map(() => 0)],
    };
    const segments = { train: { start: 0, end: 200 }, test: { start: 200, end: n } };
    const batch = await createRegimeStage({ type: "hmm", states: 2, restarts: 1 }).run(
      testContext(),
      {
        data: panelDataset(panel, segments),
      },
    );
    const stream = createRegimeStream(batch.model as unknown as HmmRegimeModel, panel.symbols);
    // Bars arrive A then B for each timestamp: nothing is emitted until both are in.
    const events = barsOf(panel);
    let seen = 0;
    expect(stream.push(events[0]!)).toEqual([]);
    const second = stream.push(events[1]!);
    expect(second).toEqual([]); // bar 0 has no return yet
    for (const e of events.slice(2)) {
      for (const u of stream.push(e)) {
        const t = (u.ts - ts[0]!) / 86_400_000;
        expect(e.symbol).toBe("B");
        expect(Math.abs(u.probabilities[1]! - batch.probabilities[1]![t]!)).toBeLessThanOrEqual(
          1e-12,
        );
        seen++;
      }
    }
    expect(seen).toBe(n - 1);
  });
});
