/**
 * The best k rows seen so far by one metric; ties go to the lower trial
 * index, and NaN ranks last, so the result does not depend on the order in
 * which batches arrive.
 */
export class TopK {
  private readonly rows: Float64Array[] = [];

  constructor(
    private readonly k: number,
    private readonly column: number,
    private readonly maximize: boolean,
  ) {}

  /** True when row `a` ranks before row `b`. */
  private before(a: Float64Array, b: Float64Array): boolean {
    const x = a[this.column]!;
    const y = b[this.column]!;
    const xNaN = Number.isNaN(x);
    const yNaN = Number.isNaN(y);
    if (xNaN !== yNaN) return yNaN;
    if (!xNaN && x !== y) return this.maximize ? x > y : x < y;
    return a[0]! < b[0]!;
  }

  offer(row: Float64Array): void {
    if (this.k <= 0) return;
    const full = this.rows.length >= this.k;
    if (full && !this.before(row, this.rows[this.rows.length - 1]!)) return;
    let at = this.rows.length;
    while (at > 0 && this.before(row, this.rows[at - 1]!)) at--;
    this.rows.splice(at, 0, row.slice());
    if (this.rows.length > this.k) this.rows.pop();
  }

  /** Best first. */
  best(): readonly Float64Array[] {
    return this.rows;
  }
}
