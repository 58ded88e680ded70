/**
 * Streams sweep result batches to Parquet without holding the table: each
 * batch becomes a part file named by its batch number, and `finish` merges
 * the parts in batch (= trial) order into one file with polars' streaming
 * sink, written to a temporary name and renamed into place.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import pl from "nodejs-polars";
import type { ParameterValue } from "./parameter-space.js";
import { SWEEP_METRICS } from "./sweep-metrics.js";

export interface SinkColumns {
  readonly axisNames: readonly string[];
  readonly decode: (axis: number, encoded: number) => ParameterValue;
}

export class ParquetSink {
  private readonly partsDir: string;
  private parts = 0;

  constructor(
    private readonly path: string,
    private readonly columns: SinkColumns,
  ) {
    this.partsDir = join(dirname(path), `.sweep-parts-${randomBytes(6).toString("hex")}`);
    mkdirSync(this.partsDir, { recursive: true });
  }

  write(batch: number, rows: Float64Array, count: number): void {
    if (count === 0) return;
    const axes = this.columns.axisNames.length;
    const width = 1 + axes + SWEEP_METRICS.length;
    const column = (c: number): Float64Array => {
      const out = new Float64Array(count);
      for (let r = 0; r < count; r++) out[r] = rows[r * width + c]!;
      return out;
    };
    const data: Record<string, unknown> = { trial: Array.from(column(0), (x) => Math.round(x)) };
    this.columns.axisNames.forEach((name, a) => {
      const encoded = column(1 + a);
      const first = this.columns.decode(a, encoded[0]!);
      data[name] =
        typeof first === "number" ? encoded : Array.from(encoded, (x) => this.columns.decode(a, x));
    });
    SWEEP_METRICS.forEach((m, k) => {
      data[m] = column(1 + axes + k);
    });
    const frame = pl.DataFrame(data);
    frame.writeParquet(join(this.partsDir, `part-${String(batch).padStart(9, "0")}.parquet`));
    this.parts++;
  }

  /** Merges the parts into `path`; returns the number of part files merged. */
  finish(): number {
    try {
      if (this.parts > 0) {
        const tmp = `${this.path}.${randomBytes(4).toString("hex")}.tmp`;
        pl.scanParquet(join(this.partsDir, "*.parquet"))
          .sinkParquet(tmp, { maintainOrder: true })
          .collectSync({ engine: "streaming" });
        renameSync(tmp, this.path);
      }
      return this.parts;
    } finally {
      rmSync(this.partsDir, { recursive: true, force: true });
    }
  }

  abort(): void {
    rmSync(this.partsDir, { recursive: true, force: true });
  }
}
