/**
 * Futures from a target-weight signal. The panel's close (and open) of the
 * instrument's symbol is the futures price; synthetic contracts expire on the
 * instrument's cycle (expiry-calendar.ts) and all trade at that price.
 *
 * Per bar t (fill `next_open`): at t's open, roll a position whose contract
 * reached its roll date (close it and reopen the same contracts in the next
 * contract, paying `fee_per_contract` on both legs), then execute the weight
 * decided at t−1 when it changed: contracts = trunc(w·E/(open·multiplier)) with
 * E the margin balance marked at the open; an order the balance cannot cover
 * at the initial margin is reduced to what it covers. At t's close, settle the
 * day (settleFuturesDay): variation margin contracts·multiplier·(close − last
 * mark) is credited, and a balance below the maintenance margin is a margin
 * call (a deposit back to the initial margin, or liquidation at the close,
 * paying the fee). With `this_close`, the roll and the trade happen at t's
 * close, before the settlement. The weight acted on is the signal's, passed
 * through the risk overlay when one is given (instrument-decision.ts).
 * Nothing at bar t reads data after t.
 *
 * Accounting: after the daily settlement a futures position has no value of
 * its own, so `equity[i] = cash[i]` where `cash` is the margin balance net of
 * the deposits made to meet calls (deposits are outside money, not return).
 * `positions` are in units of the underlying (contracts·multiplier) and
 * trades are round trips in those units at futures prices.
 */
import type { OhlcvPanel } from "../../contracts/panel.js";
import { derivativesMessages } from "../../messages/derivatives.js";
import type { RiskEvent, Trade } from "../../contracts/portfolio.js";
import { RoundTripTracker } from "../vectorized/round-trip-tracker.js";
import { syntheticContracts } from "./expiry-calendar.js";
import {
  createFuturesAccount,
  describeMarginCall,
  type FuturesAccount,
  type FuturesContract,
  futuresEquity,
  settleFuturesDay,
  tradeFutures,
} from "./futures-account.js";
import {
  checkedRange,
  checkPositivePrices,
  instrumentSymbolIndex,
  isoDay,
} from "./instrument-inputs.js";
import { defaultInstrumentLocation } from "./instrument-location.js";
import type {
  FuturesFill,
  FuturesLog,
  InstrumentBacktestOptions,
  InstrumentBacktestResult,
  MarginCallRecord,
  RollRecord,
} from "./instrument-result.js";
import type { FuturesInstrumentSection } from "./instrument-section.js";
import { InstrumentDecision } from "./instrument-decision.js";
import { heldContractAt, type RollSchedule } from "./roll-schedule.js";

/** The mutable state of one futures run (local to the call). */
class FuturesRun {
  account: FuturesAccount;
  lastTarget = Number.NaN;
  commissions = 0;
  frictions = 0;
  traded = 0;
  barCost = 0;
  readonly fills: FuturesFill[] = [];
  readonly rolls: RollRecord[] = [];
  readonly marginCalls: MarginCallRecord[] = [];
  readonly riskEvents: RiskEvent[] = [];
  readonly trades: Trade[] = [];
  readonly tracker: RoundTripTracker;

  constructor(
    readonly panel: OhlcvPanel,
    readonly s: number,
    readonly section: FuturesInstrumentSection,
    readonly schedule: RollSchedule,
    readonly options: InstrumentBacktestOptions,
  ) {
    this.account = createFuturesAccount(options.cash);
    this.tracker = new RoundTripTracker(s, panel.timestamps, this.trades);
  }

  get contracts(): number {
    return this.account.positions[0]?.contracts ?? 0;
  }

  private shift(t: number, contracts: number, price: number): number {
    const costs = this.options.costs;
    if (!costs || contracts === 0) return 0;
    return costs.priceShift(this.s, t, contracts * this.section.multiplier, price);
  }

  /** Fills `contracts` of `contract` at `price` (plus the cost model's shift); null when margin rejects it. */
  private fill(t: number, contract: FuturesContract, contracts: number, price: number): boolean {
    if (contracts === 0) return true;
    const shift = this.shift(t, contracts, price);
    const fillPrice = price + Math.sign(contracts) * shift;
    const fee = Math.abs(contracts) * this.section.fee_per_contract;
    const next = tradeFutures(this.account, contract, contracts, fillPrice, fee);
    if (!next) return false;
    this.account = next;
    const units = contracts * this.section.multiplier;
    const friction = Math.abs(units) * shift;
    this.commissions += fee;
    this.frictions += friction;
    this.traded += Math.abs(units) * price;
    this.barCost += fee + friction;
    this.tracker.fill(t, units, fillPrice, fee);
    this.fills.push({
      bar: t,
      time: this.panel.timestamps[t]!,
      contract: contract.symbol,
      contracts,
      price: fillPrice,
      fee,
    });
    return true;
  }

  /**
   * Closes the held position and reopens it in the contract due at bar t,
   * paying the fee (and the cost model's shift) on both legs. When the
   * balance no longer covers the initial margin of every contract, the new
   * leg is reduced to what it covers (logged as a risk event).
   */
  rollIfDue(t: number, price: number): void {
    const position = this.account.positions[0];
    if (!position) return;
    const time = this.panel.timestamps[t]!;
    const due = heldContractAt(this.schedule, time);
    if (due.symbol === position.contract.symbol) return;
    const { multiplier, fee_per_contract: feePer } = this.section;
    const n = position.contracts;
    const shiftOut = this.shift(t, -n, price);
    const feeOut = Math.abs(n) * feePer;
    // Reducing a position is never rejected by the margin check.
    this.account = tradeFutures(
      this.account,
      position.contract,
      -n,
      price - Math.sign(n) * shiftOut,
      feeOut,
    )!;
    let m = this.affordable(n, 0, price, due);
    let shiftIn = 0;
    for (; m !== 0; m -= Math.sign(m)) {
      shiftIn = this.shift(t, m, price);
      const opened = tradeFutures(
        this.account,
        due,
        m,
        price + Math.sign(m) * shiftIn,
        Math.abs(m) * feePer,
      );
      if (opened) {
        this.account = opened;
        break;
      }
    }
    const fees = feeOut + Math.abs(m) * feePer;
    const friction = Math.abs(n) * multiplier * shiftOut + Math.abs(m) * multiplier * shiftIn;
    this.commissions += fees;
    this.frictions += friction;
    this.traded += (Math.abs(n) + Math.abs(m)) * multiplier * price;
    this.barCost += fees + friction;
    // The roll keeps the round trip open: both legs are one charge on it; a
    // reduction closes the difference at the roll price.
    this.tracker.charge(fees + friction);
    if (m !== n) this.tracker.fill(t, (m - n) * multiplier, price, 0);
    const from = position.contract.symbol;
    this.rolls.push({ bar: t, time, from, to: due.symbol, contracts: m, price, fees });
    if (m !== n)
      this.riskEvents.push({
        bar: t,
        time,
        rule: "initial_margin",
        message: derivativesMessages.rollReduced(isoDay(time), from, due.symbol, n, m),
        before: [n],
        after: [m],
      });
  }

  /** Trades to the target weight `w` at `price` when it changed since the last execution. */
  execute(t: number, price: number, w: number): void {
    if (w === this.lastTarget) return;
    this.lastTarget = w;
    const time = this.panel.timestamps[t]!;
    const held = this.account.positions[0]?.contract;
    // Sized on the strategy's own equity: money deposited to meet margin calls is not the strategy's.
    const equity =
      (held ? futuresEquity(this.account, { [held.symbol]: price }) : this.account.balance) -
      this.account.deposits;
    const perContract = price * this.section.multiplier;
    const wanted = equity > 0 ? Math.trunc((w * equity) / perContract) : 0;
    let current = this.contracts;
    if (wanted === current) return;
    // A flip closes first, so the new side is checked against the initial margin.
    if (held && (wanted === 0 || Math.sign(wanted) !== Math.sign(current))) {
      this.fill(t, held, -current, price);
      current = 0;
    }
    const contract = this.account.positions[0]?.contract ?? heldContractAt(this.schedule, time);
    let target = this.affordable(wanted, current, price, contract);
    // The cost model's price shift can still leave the margin short: step down until covered.
    while (!this.fill(t, contract, target - current, price)) target -= Math.sign(target - current);
    if (target !== wanted) {
      const last = this.fills[this.fills.length - 1];
      if (last && last.bar === t && target !== current)
        this.fills[this.fills.length - 1] = { ...last, wanted: wanted - current };
      this.riskEvents.push({
        bar: t,
        time,
        rule: "initial_margin",
        message: derivativesMessages.orderReduced(
          isoDay(time),
          wanted,
          target,
          this.account.balance,
        ),
        before: [wanted],
        after: [target],
      });
    }
  }

  /**
   * The largest |target| ≤ |wanted| (same side as `current` or from flat)
   * whose initial margin the balance marked at `price` covers after fees.
   */
  private affordable(
    wanted: number,
    current: number,
    price: number,
    contract: FuturesContract,
  ): number {
    if (Math.abs(wanted) <= Math.abs(current)) return wanted;
    const { initial_margin: initial, fee_per_contract: fee } = this.section;
    const marked = futuresEquity(this.account, { [contract.symbol]: price });
    if (initial + fee <= 0) return wanted;
    const cap = Math.floor((marked + fee * Math.abs(current)) / (initial + fee));
    const size = Math.max(Math.abs(current), Math.min(Math.abs(wanted), cap));
    return Math.sign(wanted) * size;
  }

  /** The day's settlement at the close; margin calls deposit or liquidate. Returns the variation. */
  settle(t: number): number {
    const position = this.account.positions[0];
    if (!position) return 0;
    const time = this.panel.timestamps[t]!;
    const close = this.panel.close[this.s]![t]!;
    const n = position.contracts;
    const policy = this.section.on_margin_call;
    const { account, settlement } = settleFuturesDay(
      this.account,
      time,
      { [position.contract.symbol]: close },
      policy,
    );
    this.account = account;
    if (settlement.marginCall > 0) {
      this.marginCalls.push({
        bar: t,
        time,
        balance: settlement.balance,
        maintenanceRequirement: settlement.maintenanceRequirement,
        amount: settlement.marginCall,
        action: policy,
        contracts: n,
      });
      const after = settlement.liquidated ? 0 : n;
      this.riskEvents.push({
        bar: t,
        time,
        rule: "margin_call",
        message: settlement.liquidated
          ? derivativesMessages.liquidated(isoDay(time), n)
          : (describeMarginCall(settlement) ?? ""),
        before: [n],
        after: [after],
      });
      if (settlement.liquidated) {
        const fee = Math.abs(n) * this.section.fee_per_contract;
        this.account = {
          ...this.account,
          balance: this.account.balance - fee,
          fees: this.account.fees + fee,
        };
        this.commissions += fee;
        this.barCost += fee;
        this.traded += Math.abs(n * this.section.multiplier) * close;
        this.tracker.fill(t, -n * this.section.multiplier, close, fee);
        this.fills.push({
          bar: t,
          time,
          contract: position.contract.symbol,
          contracts: -n,
          price: close,
          fee,
        });
      }
    }
    return settlement.variation;
  }
}

/** Backtests a futures instrument on `weights[symbol]` (see the module comment). */
export function runFuturesBacktest(
  panel: OhlcvPanel,
  weights: readonly Float64Array[],
  instrument: FuturesInstrumentSection,
  options: InstrumentBacktestOptions,
): InstrumentBacktestResult {
  const section = instrument;
  const loc = options.loc ?? defaultInstrumentLocation();
  const s = instrumentSymbolIndex(panel, section.symbol, loc);
  const range = checkedRange(panel, weights, options.range, loc);
  checkPositivePrices(panel, s, range, loc);
  const len = range.end - range.start;
  const ts = panel.timestamps;
  const schedule: RollSchedule = {
    contracts: syntheticContracts(
      panel.symbols[s]!,
      {
        multiplier: section.multiplier,
        initialMargin: section.initial_margin,
        maintenanceMargin: section.maintenance_margin,
      },
      {
        cycle: section.roll.cycle,
        day: section.roll.day,
        leadDays: section.roll.days_before_expiry,
      },
      ts[range.start]!,
      ts[range.end - 1]!,
    ),
    rollDaysBeforeExpiry: section.roll.days_before_expiry,
  };
  const run = new FuturesRun(panel, s, section, schedule, options);
  const fill = options.fill ?? "next_open";
  const open = panel.open[s]!;
  const close = panel.close[s]!;
  const nSym = panel.symbols.length;

  const equity = new Float64Array(len);
  const cash = new Float64Array(len);
  const exposure = new Float64Array(len);
  const costs = new Float64Array(len);
  const positions = Array.from({ length: nSym }, () => new Float64Array(len));
  const symbolPnl = Array.from({ length: nSym }, () => new Float64Array(len));
  const log = {
    contracts: new Float64Array(len),
    variation: new Float64Array(len),
    marginBalance: new Float64Array(len),
    deposits: new Float64Array(len),
    initialRequirement: new Float64Array(len),
    maintenanceRequirement: new Float64Array(len),
    heldContract: [] as string[],
  };
  let equitySum = 0;
  let peak = options.cash;
  let pending: number | undefined;
  const decision = new InstrumentDecision(panel, weights, s, options.overlay);
  /** The portfolio the overlay sees at bar t's close. */
  const stateAt = (t: number) => {
    const held = run.account.positions[0];
    const marked = held
      ? futuresEquity(run.account, { [held.contract.symbol]: close[t]! })
      : run.account.balance;
    const eq = marked - run.account.deposits;
    const notional = run.contracts * section.multiplier * close[t]!;
    return {
      equity: eq,
      peakEquity: Math.max(peak, eq),
      cash: eq,
      weight: eq > 0 ? notional / eq : 0,
    };
  };

  for (let i = 0; i < len; i++) {
    const t = range.start + i;
    run.barCost = 0;
    if (fill === "next_open") {
      run.rollIfDue(t, open[t]!);
      if (pending !== undefined) run.execute(t, open[t]!, pending);
    } else {
      run.rollIfDue(t, close[t]!);
      run.execute(
        t,
        close[t]!,
        decision.target(t, () => stateAt(t)),
      );
    }
    log.variation[i] = run.settle(t);
    const account = run.account;
    const n = run.contracts;
    const units = n * section.multiplier;
    const eq = account.balance - account.deposits;
    equity[i] = eq;
    cash[i] = eq;
    costs[i] = run.barCost;
    positions[s]![i] = units;
    symbolPnl[s]![i] = eq - options.cash;
    exposure[i] = eq > 0 ? Math.abs(units * close[t]!) / eq : 0;
    equitySum += eq;
    if (eq > peak) peak = eq;
    if (fill === "next_open" && i + 1 < len) pending = decision.target(t, () => stateAt(t));
    log.contracts[i] = n;
    log.marginBalance[i] = account.balance;
    log.deposits[i] = account.deposits;
    log.initialRequirement[i] = Math.abs(n) * section.initial_margin;
    log.maintenanceRequirement[i] = Math.abs(n) * section.maintenance_margin;
    log.heldContract.push(
      account.positions[0]?.contract.symbol ?? heldContractAt(schedule, ts[t]!).symbol,
    );
  }

  const last = range.end - 1;
  const marked = run.tracker.marked(last, close[last]!);
  const derivatives: FuturesLog = {
    kind: "future",
    ...log,
    fills: run.fills,
    rolls: run.rolls,
    marginCalls: run.marginCalls,
  };
  return {
    range,
    timestamps: ts.subarray(range.start, range.end),
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
    openTrades: marked ? [marked] : [],
    riskEvents: mergeEvents(decision.events, run.riskEvents),
    instrument: "future",
    symbol: s,
    derivatives,
  };
}

/** Overlay and engine events in bar order (stable: overlay first within a bar). */
function mergeEvents(a: readonly RiskEvent[], b: readonly RiskEvent[]): RiskEvent[] {
  return [...a, ...b].sort((x, y) => x.bar - y.bar);
}
