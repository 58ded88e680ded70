/** Messages of the `drlwb` command line itself (not of one domain). */

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
const num = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : "—");

export const cliMessages = {
  /** `--store` on every command that writes or reads the tracking store. */
  storeOptionHelp: () =>
    "tracking store: sqlite:<file> or postgres://… (default: DRLWB_STORE, else sqlite:drlwb.db in the current folder)",
  /** `--registry-backend` on `run` and the `models` commands. */
  registryBackendOptionHelp: () =>
    "where the registry keeps models, versions, aliases and tags: lowdb (registry.json, the default) or store (the tracking store; default: DRLWB_REGISTRY_BACKEND)",
  portInUse: (host: string, port: number) =>
    `cannot listen on ${host}:${port}: the port is already in use (another drlwb serve?); choose another with --port or the configuration's port:`,
  portDenied: (host: string, port: number) =>
    `cannot listen on ${host}:${port}: permission denied (ports below 1024 need privileges); choose another with --port`,
  addressUnavailable: (host: string, port: number) =>
    `cannot listen on ${host}:${port}: this machine has no interface with that address; choose another with --host`,
  serverListening: (url: string) => `drlwb server listening on ${url} (docs: ${url}/docs)`,
  /** One line of the run summary: role, name, total return, Sharpe, max drawdown. */
  summaryRow: (label: string, totalReturn: number, sharpe: number, maxDrawdown: number) =>
    `${label.padEnd(28)} return ${pct(totalReturn).padStart(9)}   Sharpe ${num(sharpe).padStart(6)}   max drawdown ${pct(maxDrawdown).padStart(9)}`,
  summaryHeading: (segment: string) => `summary (${segment} segment)`,
  /** Whether the run's signal beat a reference (buy & hold, the baseline) on each measure. */
  summaryVerdict: (
    signal: string,
    reference: string,
    beat: { totalReturn: boolean; sharpeRatio: boolean; maxDrawdown: boolean },
  ) => {
    const won = [
      beat.totalReturn ? "return" : undefined,
      beat.sharpeRatio ? "Sharpe" : undefined,
      beat.maxDrawdown ? "drawdown" : undefined,
    ].filter((w): w is string => w !== undefined);
    if (won.length === 3) return `${signal} beat ${reference} on return, Sharpe and drawdown`;
    if (won.length === 0) return `${signal} did not beat ${reference} (return, Sharpe, drawdown)`;
    return `${signal} beat ${reference} on ${won.join(" and ")} only`;
  },
  /** The benchmark's name in the run summary: `buy & hold` for the default, else what the spec chose. */
  benchmarkLabel: (name: string) =>
    name === "buy_and_hold" ? "buy & hold" : `the benchmark (${name})`,
  baselineLabel: (name: string) => `the baseline (${name})`,
  baselineRowLabel: (name: string) => `baseline (${name})`,
  closesOnlyDetected: (missing: readonly string[]) =>
    `no ${missing.join("/")} column: read as closes only (open = high = low = close, volume 0)`,
  columnsMapped: (pairs: readonly string[]) => `columns mapped: ${pairs.join(", ")}`,
  wideDetected: (count: number) =>
    `no close column: read as one close column per symbol (${count} symbol${count === 1 ? "" : "s"})`,
  dataSuggestion: (yaml: string) => `in a spec:  data: ${yaml}`,
} as const;
