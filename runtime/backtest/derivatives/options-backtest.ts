/**
 * Option strategies from a target-weight signal, on the instrument symbol's
 * price series as the underlying.
 *
 * Per bar t (fill `next_open`): at t's open, act on the weight decided at
 * t−1: when it is positive and no options are open, open a package of
 * contracts = trunc(w·E/(open·contract_size)) (E = cash + underlying at the
 * open), strike = open·moneyness rounded to strike_step, expiry tenor_days
 * calendar days after the bar's time, premiums from Black–Scholes at the
 * modelled volatility known at t−1's close; the underlying leg (covered call,
 * protective put) is traded to contracts·contract_size units with the cost
 * model. When the weight is ≤ 0, every option is closed at its Black–Scholes
 * price at the open and the underlying is sold. At t's close, options whose
 * expiry is at or before the bar's time settle in cash at intrinsic value
 * (option-ledger), then everything is marked with Black–Scholes at the
 * volatility of t's close. With `this_close` the expiries settle first and
 * the decision of bar t is acted on at t's close with t's volatility.
 * The weight acted on is the signal's, passed through the risk overlay when
 * one is given (instrument-decision.ts). Nothing at bar t reads data after t.
 *
 * Accounting: `equity[i] = cash[i] + underlying·close + Σ quantity·contract_size·BSM`
 * (written options negative). `positions` holds the underlying leg in
 * units; `exposure` is the delta-adjusted exposure |Δ·close| / equity; trades
 * are the underlying's round trips plus one trade per option position
 * (premium in, intrinsic or closing price out, per unit).
 */
import type { OhlcvPanel } from "../../contracts/panel.js";
import type { Trade } from "../../contracts/portfolio.js";
import { netTradeReturn } from "../stats/trade-return.js";
import { RoundTripTracker } from "../vectorized/round-trip-tracker.js";
import { bsmGreeks, bsmPrice, intrinsicValue, type OptionType } from "./black-scholes.js";
import { InstrumentDecision } from "./instrument-decision.js";
import { checkedRange, checkPositivePrices, instrumentSymbolIndex } from "./instrument-inputs.js";
import { defaultInstrumentLocation } from "./instrument-location.js";
import type {
  InstrumentBacktestOptions,
  InstrumentBacktestResult,
  OptionExit,
  OptionOpening,
  OptionsLog,
} from "./instrument-result.js";
import type { OptionInstrumentSection } from "./instrument-section.js";
import {
  closeOption,
  createOptionLedger,
  type OptionContract,
  type OptionLedger,
  type OptionPosition,
  openOption,
  optionPositionsValue,
  settleExpiredOptions,
} from "./option-ledger.js";
import { OPTION_STRATEGIES, type OptionStrategyShape, strikeFor } from "./option-strategies.js";
import { modelVolatility } from "./realized-volatility.js";

const MS_PER_DAY = 86_400_000;
const MS_PER_YEAR = 365 * MS_PER_DAY;

interface OpenMeta {
  readonly bar: number;
  readonly fee: number;
}

/** The mutable state of one options run (local to the call). */
class OptionsRun {
  ledger: OptionLedger;
  underlying = 0;
  commissions = 0;
  frictions = 0;
  traded = 0;
  barCost = 0;
  private nextId = 1;
  private readonly meta = new Map<string, OpenMeta>();
  readonly trades: Trade[] = [];
  readonly tracker: RoundTripTracker;
  readonly openings: OptionOpening[] = [];
  readonly exits: OptionExit[] = [];
  readonly shape: OptionStrategyShape;

  constructor(
    readonly panel: OhlcvPanel,
    readonly s: number,
    readonly section: OptionInstrumentSection,
    readonly options: InstrumentBacktestOptions,
  ) {
    this.ledger = createOptionLedger(options.cash);
    this.tracker = new RoundTripTracker(s, panel.timestamps, this.trades);
    this.shape = OPTION_STRATEGIES[section.strategy];
  }

  /** BSM inputs of a contract at a spot, time and volatility. */
  private input(contract: OptionContract, spot: number, time: number, volatility: number) {
    return {
      type: contract.type,
      spot,
      strike: contract.strike,
      rate: this.section.rate,
      dividendYield: this.section.dividend_yield,
      volatility,
      timeToExpiry: Math.max(0, (contract.expiry - time) / MS_PER_YEAR),
    };
  }

  /** Trades the underlying to `units` at `price` with the cost model. */
  private tradeUnderlying(t: number, units: number, price: number): void {
    const delta = units - this.underlying;
    if (delta === 0) return;
    const costs = this.options.costs;
    const shift = costs ? costs.priceShift(this.s, t, delta, price) : 0;
    const commission = costs ? costs.commission(delta, price) : 0;
    const fillPrice = price + Math.sign(delta) * shift;
    this.ledger = { ...this.ledger, cash: this.ledger.cash - delta * fillPrice - commission };
    this.underlying = units;
    this.commissions += commission;
    this.frictions += Math.abs(delta) * shift;
    this.traded += Math.abs(delta) * price;
    this.barCost += commission + Math.abs(delta) * shift;
    this.tracker.fill(t, delta, fillPrice, commission);
  }

  /** Acts on weight `w` at bar t's `price` with the volatility known then. */
  act(t: number, price: number, w: number, volatility: number): void {
    const time = this.panel.timestamps[t]!;
    if (!(w > 0)) {
      for (const p of [...this.ledger.positions]) {
        const premium = bsmPrice(this.input(p.contract, price, time, volatility));
        this.exitOption(t, p, "close", price, premium);
      }
      this.tradeUnderlying(t, 0, price);
      return;
    }
    if (this.ledger.positions.length > 0 || Number.isNaN(volatility)) return;
    const size = this.section.contract_size;
    const equity = this.ledger.cash + this.underlying * price;
    const contracts = equity > 0 ? Math.trunc((w * equity) / (price * size)) : 0;
    this.tradeUnderlying(t, this.shape.underlying * contracts * size, price);
    if (contracts === 0) return;
    const strike = strikeFor(price, this.section.moneyness, this.section.strike_step);
    const expiry = time + this.section.tenor_days * MS_PER_DAY;
    for (const leg of this.shape.legs)
      this.openLeg(t, leg.type, leg.quantity * contracts, strike, expiry, price, volatility);
  }

  private openLeg(
    t: number,
    type: OptionType,
    quantity: number,
    strike: number,
    expiry: number,
    spot: number,
    volatility: number,
  ): void {
    const time = this.panel.timestamps[t]!;
    const contract: OptionContract = {
      type,
      strike,
      expiry,
      multiplier: this.section.contract_size,
      settlement: "cash",
    };
    const input = this.input(contract, spot, time, volatility);
    const premium = bsmPrice(input);
    const greeks = bsmGreeks(input);
    const fee = Math.abs(quantity) * this.section.fee_per_contract;
    const id = `${type}-${this.nextId++}`;
    this.ledger = openOption(this.ledger, { id, contract, quantity, premium, time, fee }).ledger;
    this.meta.set(id, { bar: t, fee });
    this.commissions += fee;
    this.barCost += fee;
    this.traded += Math.abs(quantity) * this.section.contract_size * premium;
    this.openings.push({
      bar: t,
      time,
      id,
      type,
      strike,
      expiry,
      quantity,
      spot,
      volatility,
      premium,
      fee,
      delta: greeks.delta,
      gamma: greeks.gamma,
      vega: greeks.vega,
      theta: greeks.theta,
    });
  }

  /** Closes (at `premium`) or records the expiry of a position, and its trade. */
  private exitOption(
    t: number,
    p: OptionPosition,
    kind: "close" | "expire",
    spot: number,
    price: number,
    settled?: { cashFlow: number; exercised: boolean },
  ): void {
    const time = this.panel.timestamps[t]!;
    let cashFlow = settled?.cashFlow ?? 0;
    let closeFee = 0;
    if (kind === "close") {
      closeFee = Math.abs(p.quantity) * this.section.fee_per_contract;
      const update = closeOption(this.ledger, { id: p.id, premium: price, time, fee: closeFee });
      this.ledger = update.ledger;
      cashFlow = update.events[0]?.cashFlow ?? 0;
      this.commissions += closeFee;
      this.barCost += closeFee;
      this.traded += Math.abs(p.quantity) * p.contract.multiplier * price;
    }
    const meta = this.meta.get(p.id);
    this.meta.delete(p.id);
    const units = p.quantity * p.contract.multiplier;
    const fees = (meta?.fee ?? 0) + closeFee;
    const pnl = units * (price - p.entryPremium) - fees;
    this.exits.push({
      bar: t,
      time,
      id: p.id,
      kind,
      spot,
      price,
      exercised: settled?.exercised ?? false,
      cashFlow,
      pnl,
    });
    const entryBar = meta?.bar ?? t;
    this.trades.push({
      symbol: this.s,
      size: units,
      entryBar,
      exitBar: t,
      entryPrice: p.entryPremium,
      exitPrice: price,
      entryTime: this.panel.timestamps[entryBar]!,
      exitTime: time,
      pnl,
      returnPct: netTradeReturn(units, p.entryPremium, price, fees),
      commission: fees,
      tag: `${p.quantity > 0 ? "long" : "short"} ${p.contract.type} ${p.contract.strike}`,
    });
  }

  /** Settles, in cash at intrinsic value, every option expired by bar t's time, at t's close. */
  settle(t: number): void {
    const time = this.panel.timestamps[t]!;
    const spot = this.panel.close[this.s]![t]!;
    const expiring = this.ledger.positions.filter((p) => p.contract.expiry <= time);
    if (expiring.length === 0) return;
    const update = settleExpiredOptions(this.ledger, time, spot);
    this.ledger = update.ledger;
    for (const p of expiring) {
      const event = update.events.find((e) => e.id === p.id);
      const intrinsic = intrinsicValue(p.contract.type, spot, p.contract.strike);
      this.exitOption(t, p, "expire", spot, intrinsic, {
        cashFlow: event?.cashFlow ?? 0,
        exercised: event?.kind === "expire" ? event.exercised : false,
      });
    }
  }

  /** Marks the open options at bar t's close: their value and the position greeks. */
  mark(t: number, volatility: number) {
    const time = this.panel.timestamps[t]!;
    const spot = this.panel.close[this.s]![t]!;
    const market = {
      spot,
      rate: this.section.rate,
      dividendYield: this.section.dividend_yield,
      volatility,
      time,
    };
    const value = this.ledger.positions.length > 0 ? optionPositionsValue(this.ledger, market) : 0;
    let delta = this.underlying;
    let gamma = 0;
    let vega = 0;
    let theta = 0;
    for (const p of this.ledger.positions) {
      const g = bsmGreeks(this.input(p.contract, spot, time, volatility));
      const units = p.quantity * p.contract.multiplier;
      delta += units * g.delta;
      gamma += units * g.gamma;
      vega += units * g.vega;
      theta += units * g.theta;
    }
    return { spot, value, delta, gamma, vega, theta };
  }
}

/** Backtests an option strategy on `weights[symbol]` (see the module comment). */
export function runOptionsBacktest(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  instrument: OptionInstrumentSection,
  options: InstrumentBacktestOptions,
): InstrumentBacktestResult {
  const section = instrument;
  const loc = options.loc ?? defaultInstrumentLocation();
  const s = instrumentSymbolIndex(panel, section.symbol, loc);
  const range = checkedRange(panel, weights, options.range, loc);
  checkPositivePrices(panel, s, range, loc);
  const len = range.end - range.start;
  const nSym = panel.symbols.length;
  const close = panel.close[s]!;
  const open = panel.open[s]!;
  // Causal per bar: vol[t] reads closes ≤ t only (history before the range included).
  const vol = modelVolatility(close, section.volatility);
  const run = new OptionsRun(panel, s, section, options);
  const fill = options.fill ?? "next_open";

  const equity = new Float64Array(len);
  const cash = new Float64Array(len);
  const exposure = new Float64Array(len);
  const costs = new Float64Array(len);
  const positions = Array.from({ length: nSym }, () => new Float64Array(len));
  const symbolPnl = Array.from({ length: nSym }, () => new Float64Array(len));
  const log = {
    volatility: new Float64Array(len),
    contracts: new Float64Array(len),
    optionValue: new Float64Array(len),
    greeks: {
      delta: new Float64Array(len),
      gamma: new Float64Array(len),
      vega: new Float64Array(len),
      theta: new Float64Array(len),
    },
  };
  let equitySum = 0;
  let lastVol = Number.NaN;
  let peak = options.cash;
  let pending: number | undefined;
  const decision = new InstrumentDecision(panel, weights, s, options.overlay);
  /** The portfolio the overlay sees at bar t's close (options marked at `volatility`). */
  const stateAt = (t: number, volatility: number) => {
    const m = run.mark(t, volatility);
    const eq = run.ledger.cash + run.underlying * m.spot + m.value;
    return {
      equity: eq,
      peakEquity: Math.max(peak, eq),
      cash: run.ledger.cash,
      weight: eq > 0 ? (m.delta * m.spot) / eq : 0,
    };
  };

  for (let i = 0; i < len; i++) {
    const t = range.start + i;
    run.barCost = 0;
    if (fill === "next_open") {
      if (pending !== undefined) run.act(t, open[t]!, pending, lastVol);
      run.settle(t);
    } else {
      run.settle(t);
      const volNow = Number.isNaN(vol[t]!) ? lastVol : vol[t]!;
      run.act(
        t,
        close[t]!,
        decision.target(t, () => stateAt(t, volNow)),
        volNow,
      );
    }
    if (!Number.isNaN(vol[t]!)) lastVol = vol[t]!;
    const m = run.mark(t, lastVol);
    const eq = run.ledger.cash + run.underlying * m.spot + m.value;
    equity[i] = eq;
    cash[i] = run.ledger.cash;
    costs[i] = run.barCost;
    positions[s]![i] = run.underlying;
    symbolPnl[s]![i] = eq - options.cash;
    exposure[i] = eq > 0 ? Math.abs(m.delta * m.spot) / eq : 0;
    equitySum += eq;
    if (eq > peak) peak = eq;
    if (fill === "next_open" && i + 1 < len)
      pending = decision.target(t, () => stateAt(t, lastVol));
    log.volatility[i] = vol[t]!;
    log.contracts[i] = run.ledger.positions[0]?.quantity ?? 0;
    log.optionValue[i] = m.value;
    log.greeks.delta[i] = m.delta;
    log.greeks.gamma[i] = m.gamma;
    log.greeks.vega[i] = m.vega;
    log.greeks.theta[i] = m.theta;
  }

  const last = range.end - 1;
  const openTrades = openOptionTrades(run, last, lastVol);
  const markedUnderlying = run.tracker.marked(last, close[last]!);
  if (markedUnderlying) openTrades.unshift(markedUnderlying);
  const derivatives: OptionsLog = {
    kind: "option",
    strategy: section.strategy,
    ...log,
    openings: run.openings,
    exits: run.exits,
  };
  return {
    range,
    timestamps: panel.timestamps.subarray(range.start, range.end),
    equity,
    cash,
    positions,
    exposure,
    symbolPnl,
    costs,
    commissions: run.commissions,
    frictions: run.frictions,
    turnover: equitySum > 0 ? run.traded / (equitySum / len) : 0,
    trades: run.trades,
    openTrades,
    riskEvents: decision.events,
    instrument: "option",
    symbol: s,
    derivatives,
  };
}

/** Option positions still open at the last bar, marked at its close with BSM. */
function openOptionTrades(run: OptionsRun, last: number, volatility: number): Trade[] {
  const time = run.panel.timestamps[last]!;
  const spot = run.panel.close[run.s]![last]!;
  return run.ledger.positions.map((p) => {
    const entry = run.openings.find((o) => o.id === p.id);
    const price = bsmPrice({
      type: p.contract.type,
      spot,
      strike: p.contract.strike,
      rate: run.section.rate,
      dividendYield: run.section.dividend_yield,
      volatility,
      timeToExpiry: Math.max(0, (p.contract.expiry - time) / MS_PER_YEAR),
    });
    const units = p.quantity * p.contract.multiplier;
    const fee = entry?.fee ?? 0;
    return {
      symbol: run.s,
      size: units,
      entryBar: entry?.bar ?? last,
      exitBar: last,
      entryPrice: p.entryPremium,
      exitPrice: price,
      entryTime: entry?.time ?? time,
      exitTime: time,
      pnl: units * (price - p.entryPremium) - fee,
      returnPct: netTradeReturn(units, p.entryPremium, price, fee),
      commission: fee,
      tag: `${p.quantity > 0 ? "long" : "short"} ${p.contract.type} ${p.contract.strike}`,
    };
  });
}
