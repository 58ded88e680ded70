import type {
  AgentEnv,
  AgentEnvMultiStock,
  AgentEnvPortfolio,
  AgentEnvSingleAsset,
} from "../../spec/types.generated.js";

/** The env sections of the envs that trade market data (they have rewards, costs and episodes). */
export type TradingEnvSection = AgentEnvSingleAsset | AgentEnvMultiStock | AgentEnvPortfolio;

/** Whether an env section is one of the trading envs. */
export function isTradingEnvSection(section: AgentEnv): section is TradingEnvSection {
  return (
    section.type === "single_asset" ||
    section.type === "multi_stock" ||
    section.type === "portfolio"
  );
}
