import { NamedRegistry } from "../../core/named-registry.js";
import type { Agent } from "./agent.js";
import type { AgentOptions } from "./agent-options.js";
import { DqnAgent } from "./dqn.js";
import { OnPolicyAgent } from "./on-policy.js";
import { SacAgent } from "./sac.js";
import { Td3Agent } from "./td3.js";

export type AgentFactory = (options: AgentOptions) => Agent;

/** Action-space kinds each algorithm supports, for early spec checks. */
export interface AlgorithmEntry {
  readonly create: AgentFactory;
  readonly actionSpaces: readonly ("discrete" | "box")[];
}

/** The algorithms by `type:` name. Built on call: no global registry. */
export function createAlgorithmRegistry(): NamedRegistry<AlgorithmEntry> {
  return new NamedRegistry<AlgorithmEntry>("agent")
    .register("ppo", {
      create: (o) => new OnPolicyAgent("ppo", o),
      actionSpaces: ["discrete", "box"],
    })
    .register("a2c", {
      create: (o) => new OnPolicyAgent("a2c", o),
      actionSpaces: ["discrete", "box"],
    })
    .register("dqn", { create: (o) => new DqnAgent(o), actionSpaces: ["discrete"] })
    .register("sac", { create: (o) => new SacAgent(o), actionSpaces: ["box"] })
    .register("td3", { create: (o) => new Td3Agent("td3", o), actionSpaces: ["box"] })
    .register("ddpg", { create: (o) => new Td3Agent("ddpg", o), actionSpaces: ["box"] });
}
