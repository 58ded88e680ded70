/**
 * Child process for the off-policy resume-after-kill test: trains
 * argv[3] (dqn, sac, td3, ddpg) for argv[4] steps with a checkpoint every
 * argv[5] steps into argv[2], resuming when one exists, then prints the
 * training summary as JSON.
 */
import { initBackend } from "../../../runtime/agents/backend/init-backend.js";
import { trainAgent } from "../../../runtime/agents/training/trainer.js";
import { makeOffPolicyAgent, type OffPolicyAlgo } from "./off-policy-resume.js";

async function main(): Promise<void> {
  const dir = process.argv[2]!;
  const algo = (process.argv[3] ?? "dqn") as OffPolicyAlgo;
  const total = Number(process.argv[4] ?? 2000);
  const every = Number(process.argv[5] ?? 200);
  await initBackend("cpu");
  const agent = makeOffPolicyAgent(algo);
  const summary = await trainAgent(agent, {
    totalTimesteps: total,
    checkpointDir: dir,
    checkpointFreq: every,
    resume: true,
    metricsPath: `${dir}/metrics.jsonl`,
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

void main();
