import { InvalidArgumentError, type Command } from "commander";
import { cliMessages } from "../../runtime/messages/cli.js";
import type { CliIO } from "../io.js";
import type { TrainCommandOptions } from "../train.js";

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new InvalidArgumentError("the seed must be an integer from 0 to 4294967295");
  }
  return n;
}

/** Wires `drlwb train` into the command tree. */
export function defineTrainCommand(program: Command, io: CliIO, set: (code: number) => void): void {
  program
    .command("train")
    .description(
      "train a kind: agent spec on a control task (cartpole, pendulum) into runs/<id>/; " +
        "trading envs train in experiments (extends: ./<agent spec>)",
    )
    .argument("<agent-spec>", "kind: agent spec (YAML)")
    .option("--seed <n>", "run seed (every random stream derives from it)", parseSeed, 0)
    .option("--out <dir>", "folder for run folders", "runs")
    .option("--env <name>", "environment overlay to apply")
    .option("--store <url>", cliMessages.storeOptionHelp())
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      "\nWrites run.json, spec.resolved.yaml, metrics.json (mean reward ± std, IQM over\n" +
        "evaluation.episodes deterministic episodes, timesteps, steps/s), the training log\n" +
        "stages/train/metrics.jsonl and the model stages/train/model/.\n" +
        "Example: drlwb train specs/agent-ppo-cartpole.yaml --seed 1",
    )
    .action(async (spec: string, opts: TrainCommandOptions) =>
      set(await (await import("../train.js")).trainCommand(spec, opts, io)),
    );
}
