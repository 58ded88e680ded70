import { NamedRegistry } from "../../core/named-registry.js";
import { buyAndHold } from "./buy-and-hold.js";
import { emaCrossover, smaCrossover } from "./crossover.js";
import { meanReversion } from "./mean-reversion.js";
import { tsMomentum, xsMomentum } from "./momentum.js";
import type { RuleStrategy } from "./rule-strategy.js";
import { volBreakout } from "./vol-breakout.js";

/** The rule-based strategies a spec can name with `strategy.type`. */
export function createStrategyRegistry(): NamedRegistry<RuleStrategy> {
  const registry = new NamedRegistry<RuleStrategy>("strategy");
  const all: RuleStrategy[] = [
    buyAndHold,
    smaCrossover,
    emaCrossover,
    tsMomentum,
    xsMomentum,
    meanReversion,
    volBreakout,
  ];
  for (const s of all) registry.register(s.type, s);
  return registry;
}
