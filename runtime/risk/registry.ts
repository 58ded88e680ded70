import { NamedRegistry } from "../core/named-registry.js";
import type { RiskRuleFactory } from "./rule.js";
import { concentrationRule } from "./rules/concentration.js";
import { drawdownControlRule } from "./rules/drawdown-control.js";
import { killSwitchRule } from "./rules/kill-switch.js";
import { positionLimitsRule } from "./rules/position-limits.js";
import { stopLossRule } from "./rules/stop-loss.js";
import { volTargetRule } from "./rules/vol-target.js";

/** The risk rules by `type:` name. Built on call; nothing is global. */
export function createRiskRuleRegistry(): NamedRegistry<RiskRuleFactory> {
  const registry = new NamedRegistry<RiskRuleFactory>("risk rule");
  for (const f of [
    positionLimitsRule(),
    concentrationRule(),
    drawdownControlRule(),
    volTargetRule(),
    stopLossRule(),
    killSwitchRule(),
  ]) {
    registry.register(f.type, f);
  }
  return registry;
}
