import { backtestMessages } from "../../messages/backtest.js";
import type { StrategySpec } from "../../spec/types.generated.js";
import type { RuleStrategy, StrategyOf, StrategyType } from "./rule-strategy.js";

function isOfType<T extends StrategyType>(spec: StrategySpec, type: T): spec is StrategyOf<T> {
  return spec.type === type;
}

/**
 * A rule strategy for the registry: its methods receive the typed section of
 * its own type (the registry looks strategies up by that type, so another
 * section reaching them is a programming error).
 */
export function ruleStrategy<T extends StrategyType>(
  definition: RuleStrategy<StrategyOf<T>> & { readonly type: T },
): RuleStrategy {
  const type: T = definition.type;
  const own = (section: StrategySpec): StrategyOf<T> => {
    if (isOfType(section, type)) return section;
    throw new Error(backtestMessages.strategyTypeMismatch(type, section.type));
  };
  const { check, writer } = definition;
  return {
    type,
    description: definition.description,
    ...(check ? { check: (section, loc) => check(own(section), loc) } : {}),
    warmup: (section) => definition.warmup(own(section)),
    weights: (panel, section) => definition.weights(panel, own(section)),
    ...(writer
      ? {
          writer: (panel) => {
            const write = writer(panel);
            return (section, out) => write(own(section), out);
          },
        }
      : {}),
  };
}
