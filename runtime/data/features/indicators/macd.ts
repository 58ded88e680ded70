import { inputOf, nanArray } from "../batch-helpers.js";
import pl from "nodejs-polars";
import { BAR_INDEX, emaFromFirst, inputColumn } from "../expr-helpers.js";
import { seriesFeature } from "../define-feature.js";
import { EmaState, fieldOf } from "../incremental-helpers.js";

/**
 * MACD as trading-signals computes it: fast and slow EMAs seeded with the
 * first price; the line (fast − slow) from bar slow−1; the signal line an EMA
 * of the line seeded with its first value, reported once it has `signal`
 * values; histogram = line − signal.
 */
export const macdFeature = seriesFeature({
  kind: "series",
  type: "macd",
  lookback: () => null,
  outputs: () => ["", "signal", "hist"],
  defaultName: (spec) => {
    const p = spec;
    return `macd_${p.fast}_${p.slow}_${p.signal}`;
  },
  expressions: (spec) => {
    const p = spec;
    const x = inputColumn(spec);
    const i = pl.col(BAR_INDEX);
    const line = pl
      .when(i.lt(p.slow - 1))
      .then(pl.lit(null))
      .otherwise(emaFromFirst(x, p.fast).minus(emaFromFirst(x, p.slow)));
    const signal = pl
      .when(i.lt(p.slow - 1 + p.signal - 1))
      .then(pl.lit(null))
      .otherwise(emaFromFirst(line, p.signal));
    return [line, signal, line.minus(signal)];
  },
  batch: (spec, bars) => {
    const p = spec;
    const x = inputOf(bars, spec);
    // one pass: both EMAs seeded with the first price, the signal EMA with the first line value
    const [af, as, ag] = [2 / (p.fast + 1), 2 / (p.slow + 1), 2 / (p.signal + 1)];
    const firstLine = p.slow - 1;
    const firstSignal = firstLine + p.signal - 1;
    const line = nanArray(x.length, firstLine);
    const signal = nanArray(x.length, firstSignal);
    const hist = nanArray(x.length, firstSignal);
    let fast = x[0]!;
    let slow = x[0]!;
    let sig = Number.NaN;
    for (let t = 0; t < x.length; t++) {
      if (t > 0) {
        fast = (1 - af) * fast + af * x[t]!;
        slow = (1 - as) * slow + as * x[t]!;
      }
      if (t < firstLine) continue;
      const ln = fast - slow;
      line[t] = ln;
      sig = t === firstLine ? ln : (1 - ag) * sig + ag * ln;
      if (t < firstSignal) continue;
      signal[t] = sig;
      hist[t] = ln - sig;
    }
    return [line, signal, hist];
  },
  incremental: (spec) => {
    const p = spec;
    const fast = new EmaState(2 / (p.fast + 1));
    const slow = new EmaState(2 / (p.slow + 1));
    const sig = new EmaState(2 / (p.signal + 1));
    return {
      update: (bar) => {
        const x = fieldOf(bar, spec.column);
        const f = fast.update(x);
        const s = slow.update(x);
        if (slow.count < p.slow) return Float64Array.of(Number.NaN, Number.NaN, Number.NaN);
        const line = f - s;
        const signal = sig.update(line);
        if (sig.count < p.signal) return Float64Array.of(line, Number.NaN, Number.NaN);
        return Float64Array.of(line, signal, line - signal);
      },
    };
  },
});
