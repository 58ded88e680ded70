/** Messages of the risk rules, the risk manager and the risk stage. */
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export const riskMessages = {
  // Interventions (RiskEvent.message)
  perAssetLimit: (symbol: string, limit: number) => `${symbol} capped at ${pct(limit)}`,
  shortNotAllowed: (symbol: string) => `${symbol}: short positions are not allowed`,
  grossLimit: (gross: number, limit: number) =>
    `gross exposure ${pct(gross)} scaled to ${pct(limit)}`,
  netLimit: (net: number, bound: number) => `net exposure ${pct(net)} brought to ${pct(bound)}`,
  groupCap: (group: string, exposure: number, cap: number) =>
    `group ${group} exposure ${pct(exposure)} scaled to ${pct(cap)}`,
  drawdownScale: (drawdown: number, scale: number) =>
    `drawdown ${pct(drawdown)}: exposure scaled to ${pct(scale)}`,
  drawdownReentry: (reason: string) => `drawdown control re-entry (${reason})`,
  volTarget: (forecast: number, target: number, scale: number) =>
    `forecast volatility ${pct(forecast)} vs target ${pct(target)}: scale ×${scale.toFixed(3)}`,
  stopTriggered: (symbol: string, method: string, price: number, level: number) =>
    `${symbol}: ${method} stop at ${price.toPrecision(6)} (level ${level.toPrecision(6)})`,
  stopHolding: (symbol: string) => `${symbol}: stopped out, waiting for the signal to reset`,
  killSwitch: (reason: string) => `kill-switch tripped: ${reason}; all positions flat`,
  killDrawdown: (dd: number, limit: number) => `drawdown ${pct(dd)} ≥ ${pct(limit)}`,
  killBarLoss: (loss: number, limit: number) => `bar loss ${pct(loss)} ≥ ${pct(limit)}`,
  killEquity: (equity: number, floor: number) =>
    `equity ${equity.toFixed(2)} ≤ ${floor.toFixed(2)}`,
  // Bad input
  mustBePositive: (key: string) => `\`${key}\` must be greater than 0`,
  mustBeFraction: (key: string) => `\`${key}\` must be between 0 and 1`,
  contradicts: (a: string, av: number, b: string, bv: number) =>
    `\`${a}\` (${av}) contradicts \`${b}\` (${bv})`,
  contradictsHint: (a: string, b: string) => `\`${a}\` must not exceed \`${b}\``,
  minAboveMax: (min: string, max: string) => `\`${min}\` is above \`${max}\``,
  levelsNotIncreasing: () =>
    "drawdown levels must have strictly increasing `drawdown` and non-increasing `scale`",
  unknownSymbol: (symbol: string, known: readonly string[]) =>
    `symbol "${symbol}" is not in the data (symbols: ${known.join(", ")})`,
  unknownRule: (type: string, suggestion: string | undefined) =>
    `unknown risk rule type "${type}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
  validTypes: (known: readonly string[]) => `valid types: ${known.join(", ")}`,
  needsOneLimit: (keys: readonly string[]) =>
    `set at least one of ${keys.map((k) => `\`${k}\``).join(", ")}`,
  stopNeeds: (method: string, key: string) => `a \`${method}\` stop needs \`${key}\``,
  invalidSection: (file: string, count: number) =>
    `${file}: ${count} problem${count === 1 ? "" : "s"} in the risk section; nothing was run`,
  riskSummary: (rules: readonly string[]) => `risk overlay: ${rules.join(" → ") || "no rules"}`,
} as const;
