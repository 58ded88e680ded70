import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { runBacktestSection } from "../../runtime/backtest/stage.js";
import type { OhlcvPanel } from "../../runtime/contracts/panel.js";
import type {
  PortfolioState,
  RiskEvent,
  TargetOverlay,
} from "../../runtime/contracts/portfolio.js";
import type { TargetSignal } from "../../runtime/contracts/signal.js";
import type { MarketDataset } from "../../runtime/data/market-dataset.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { compileRiskSection } from "../../runtime/risk/compile.js";
import type { RiskDocument } from "../../runtime/risk/risk-document.js";
import { compileSpecFile, runSpec } from "../../runtime/run/run-spec.js";
import { createPredictorLoader } from "../../runtime/serving/artifact-loaders.js";
import { resolveSchemaValue } from "../../runtime/spec/resolve-value.js";
import type { ApiBars, ApiModelSignature } from "../../runtime/spec/types.generated.js";
import { type App, createApp } from "../../server/app.js";
import { serverStore } from "../../server/store.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "./http-server.js";
import { testServerConfig } from "./server-config.js";

/** What the backtest had and decided at one bar where it applied the risk overlay. */
export interface BacktestDecision {
  readonly bar: number;
  readonly equity: number;
  readonly peakEquity: number;
  readonly cash: number;
  readonly weights: number[];
  readonly proposed: number[];
  readonly targets: number[];
  readonly events: readonly RiskEvent[];
}

/**
 * Runs the run's backtest again with the run's risk document, recording at
 * every bar the portfolio the overlay saw and the targets it decided: the
 * state a caller of the server has, and what the server must answer.
 */
export function recordBacktest(
  backtest: Parameters<typeof runBacktestSection>[0],
  data: Pick<MarketDataset, "panel" | "segments">,
  signal: TargetSignal,
  document: RiskDocument,
): { decisions: Map<number, BacktestDecision>; riskEvents: readonly RiskEvent[] } {
  const manager = compileRiskSection(resolveSchemaValue("risk", { rules: document.rules }, "t"), {
    symbols: document.symbols,
    periodsPerYear: document.periodsPerYear,
  });
  const decisions = new Map<number, BacktestDecision>();
  const recorder: TargetOverlay = {
    reset: () => manager.reset(),
    apply(proposed: Float64Array, state: PortfolioState) {
      const out = manager.apply(proposed, state);
      decisions.set(state.bar, {
        bar: state.bar,
        equity: state.equity,
        peakEquity: state.peakEquity,
        cash: state.cash,
        weights: Array.from(state.weights),
        proposed: Array.from(proposed),
        targets: Array.from(out.targets),
        events: [...out.events],
      });
      return out;
    },
  };
  const outcome = runBacktestSection(backtest, data, signal, recorder);
  return { decisions, riskEvents: outcome.riskEvents };
}

/** Bars first..last (inclusive) of a panel as a predict request sends them. */
export function barsOf(
  panel: OhlcvPanel,
  first: number,
  last: number,
): {
  time: number[];
  symbols: (Omit<ApiBars["symbols"][number], "close"> & { close: number[] })[];
} {
  const slice = (a: Float64Array) => Array.from(a.subarray(first, last + 1));
  return {
    time: slice(panel.timestamps),
    symbols: panel.symbols.map((symbol, s) => ({
      symbol,
      open: slice(panel.open[s]!),
      high: slice(panel.high[s]!),
      low: slice(panel.low[s]!),
      close: slice(panel.close[s]!),
      volume: slice(panel.volume[s]!),
    })),
  };
}

export interface ServedRun {
  readonly root: string;
  readonly url: string;
  readonly model: string;
  readonly data: MarketDataset;
  readonly signal: TargetSignal;
  readonly decisions: Map<number, BacktestDecision>;
  readonly riskEvents: readonly RiskEvent[];
  readonly range: { start: number; end: number };
  readonly signature: ApiModelSignature;
  /** The run's regime stage output (regime-switched runs): the label of every bar. */
  readonly regime?: { readonly labels: Int32Array; readonly stateNames: readonly string[] };
  predict(
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Posts a body as given (e.g. with numbers JSON.stringify cannot write). */
  predictRaw(text: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Predicts with another model of the same registry. */
  predictModel(
    name: string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** GET a path of the server, as a viewer. */
  get(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The app: its tracking store and prediction log. */
  readonly app: App;
  close(): Promise<void>;
}

/**
 * Runs `specText` (which registers `model` into `<root>/registry`), records
 * its backtest's decisions, and starts the real server on loopback over the
 * registry with limits that admit whole histories.
 */
export async function runAndServe(
  prefix: string,
  model: string,
  specText: (registry: string) => string,
  overrides: Record<string, unknown> = {},
): Promise<ServedRun> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const registryDir = join(root, "registry");
  const file = join(root, `${model}.yaml`);
  writeFileSync(file, specText(registryDir));
  const result = await runSpec(file, { runsDir: join(root, "runs") });
  expect(result.status, String(result.error)).toBe("complete");
  const spec = compileSpecFile(file).spec;
  const outputs = result.outputs as Record<string, unknown>;
  const data = outputs.data as MarketDataset;
  const signal = outputs.signal as TargetSignal;
  // A spec without risk rules: its backtest recorded with an empty overlay.
  const risk = (outputs.risk as { document: RiskDocument } | undefined) ?? {
    document: {
      rules: [],
      symbols: data.panel.symbols,
      periodsPerYear: 252,
      initialState: { rules: [] },
    },
  };
  const backtest = outputs.backtest as {
    riskEvents: RiskEvent[];
    range: { start: number; end: number };
  };
  const recorded = recordBacktest(spec.backtest!, data, signal, risk.document);
  // The recording replays the run's own backtest: the same risk events.
  expect(recorded.riskEvents).toEqual(backtest.riskEvents);
  const secret = new TextEncoder().encode(`${prefix}-secret`.padEnd(40, "x"));
  const loaded = testServerConfig(root, {
    http: { rate_limit_per_minute: 10_000_000, body_limit_bytes: 16 * 1024 * 1024 },
    ...overrides,
  });
  const created = createApp({
    registry: new ModelRegistry(registryDir),
    secret,
    ...loaded,
    // The configuration's `store` decides (the suite's DRLWB_STORE is for servers that name none).
    store: serverStore(loaded.config, loaded.workspace, {}),
    loadPredictor: createPredictorLoader(),
  });
  const server = await listen(created.app);
  const auth = {
    authorization: `Bearer ${await createToken(secret, { subject: "t", role: "viewer" })}`,
  };
  const shown = await fetch(`${server.url}/models/${model}/versions/latest`, { headers: auth });
  expect(shown.status).toBe(200);
  const signature = ((await shown.json()) as { signature: ApiModelSignature }).signature;
  const post = async (name: string, text: string) => {
    const res = await fetch(`${server.url}/models/${name}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: text,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const predictRaw = (text: string) => post(model, text);
  return {
    root,
    url: server.url,
    model,
    data,
    signal,
    decisions: recorded.decisions,
    riskEvents: recorded.riskEvents,
    range: backtest.range,
    signature,
    ...(outputs.regime
      ? { regime: outputs.regime as { labels: Int32Array; stateNames: readonly string[] } }
      : {}),
    predict: (body) => predictRaw(JSON.stringify(body)),
    predictRaw,
    predictModel: (name, body) => post(name, JSON.stringify(body)),
    async get(path) {
      const res = await fetch(`${server.url}${path}`, { headers: auth });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    app: created,
    async close() {
      await server.close();
      await created.predictionLog.close();
      await created.auditMirror.settle();
      await created.store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Largest |a − b| over two weight lists of the same length. */
export function maxDifference(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let most = 0;
  for (let i = 0; i < a.length; i++) most = Math.max(most, Math.abs(a[i]! - b[i]!));
  return most;
}

/** A signal weight as the engines read it (NaN: no decision yet, 0). */
export const signalAt = (signal: TargetSignal, bar: number): number[] =>
  signal.weights.map((w) => (Number.isNaN(w[bar]!) ? 0 : w[bar]!));

/**
 * Replays bars `from`..`to` (inclusive) through predict-from-bars, as a
 * caller would: the env state and, inside the backtest's range, the risk
 * state each answer returns are passed back with the next bar, with the
 * portfolio the backtest had. `barsFor(b)` picks the first bar sent at bar b.
 * Every answered proposal equals the signal, and every answered target and
 * risk event the backtest's, to 1e-12. Returns how many bars were compared.
 */
export async function replay(
  run: ServedRun,
  from: number,
  to: number,
  barsFor: (bar: number, inRange: boolean) => number,
  /** Further checks of every answer (e.g. the regime it names). */
  check?: (bar: number, body: Record<string, unknown>) => void,
): Promise<{ compared: number; events: number }> {
  let envState: unknown;
  let riskState: unknown;
  let compared = 0;
  let events = 0;
  for (let b = from; b <= to; b++) {
    const decision = run.decisions.get(b);
    const inRange = decision !== undefined;
    const body: Record<string, unknown> = {
      bars: barsOf(run.data.panel, barsFor(b, inRange), b),
      deterministic: true,
      ...(envState !== undefined ? { envState } : {}),
      ...(inRange && riskState !== undefined ? { riskState } : {}),
      portfolio: decision
        ? {
            bar: b,
            equity: decision.equity,
            peakEquity: decision.peakEquity,
            cash: decision.cash,
            weights: decision.weights,
          }
        : { bar: b, equity: 1 },
    };
    const res = await run.predict(body);
    expect(res.status, `bar ${b}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
    envState = res.body.envState;
    check?.(b, res.body);
    expect(res.body.bar).toBe(b);
    expect(res.body.time).toBe(run.data.panel.timestamps[b]);
    expect(
      maxDifference(res.body.proposed as number[], signalAt(run.signal, b)),
      `proposal at bar ${b}`,
    ).toBeLessThanOrEqual(1e-12);
    if (decision) {
      riskState = res.body.riskState;
      expect(
        maxDifference(res.body.weights as number[], decision.targets),
        `target at bar ${b}`,
      ).toBeLessThanOrEqual(1e-12);
      const served = res.body.riskEvents as RiskEvent[];
      expect(
        served.map((e) => [e.bar, e.time, e.rule, e.message]),
        `events at bar ${b}`,
      ).toEqual(decision.events.map((e) => [e.bar, e.time, e.rule, e.message]));
      served.forEach((e, k) => {
        expect(maxDifference(e.after, decision.events[k]!.after)).toBeLessThanOrEqual(1e-12);
        expect(maxDifference(e.before, decision.events[k]!.before)).toBeLessThanOrEqual(1e-12);
      });
      const symbols = run.signature.symbols;
      const targets = res.body.targets as Record<string, number>;
      expect(Object.keys(targets)).toEqual(symbols);
      symbols.forEach((s, i) => {
        expect(targets[s]).toBe((res.body.weights as number[])[i]);
      });
      compared++;
      events += served.length;
    }
  }
  return { compared, events };
}
