import { tf } from "../backend/tf.js";
import type { Action } from "../envs/spaces.js";
import { computeGradients, createOptimizer, type Optimizer } from "../nn/optimizers.js";
import type { AgentOptions } from "./agent-options.js";
import { argmax } from "./categorical.js";
import { resolveHyperparameters } from "./algorithm-hyperparameters.js";
import { OffPolicyAgent } from "./off-policy.js";
import { QNetwork } from "./q-network.js";
import type { ReplayBatch } from "./replay-buffer.js";
import { linearDecay, parseSchedule, type Schedule } from "./schedules.js";

/**
 * DQN (Mnih et al. 2015) as in SB3 — replay buffer, target network updated
 * every `target_update_interval` steps (Polyak with `tau`), ε-greedy with a
 * linear schedule, Huber loss, gradient clipping — plus the Double DQN target
 * (van Hasselt et al. 2016, `double_q`) and the dueling head (`dueling`).
 */
export class DqnAgent extends OffPolicyAgent {
  readonly algo = "dqn";
  private readonly q: QNetwork;
  private readonly target: QNetwork;
  private readonly optimizer: Optimizer;
  private readonly lr: Schedule;
  private readonly epsilon: Schedule;
  private readonly targetUpdateInterval: number;
  private readonly doubleQ: boolean;
  private readonly nActions: number;
  private currentEpsilon = 1;

  constructor(options: AgentOptions) {
    const hp = resolveHyperparameters("dqn", options.hyperparameters);
    super(options, hp);
    if (options.actionSpace.kind !== "discrete")
      throw new RangeError("dqn needs a discrete action space");
    this.nActions = options.actionSpace.n;
    this.lr = parseSchedule(hp.learning_rate, "dqn.learning_rate");
    this.targetUpdateInterval = hp.target_update_interval;
    this.epsilon = linearDecay(
      hp.exploration_initial_eps,
      hp.exploration_final_eps,
      hp.exploration_fraction,
    );
    this.doubleQ = hp.double_q;
    const dueling = hp.dueling;
    const arch = [...hp.net_arch];
    const activation = hp.activation_fn;
    const maxGradNorm = hp.max_grad_norm;
    const d = options.observationSize;
    this.q = new QNetwork(
      "q_net/",
      d,
      this.nActions,
      arch,
      activation,
      dueling,
      this.store,
      this.initRng.fork("q"),
    );
    // The target network is not trained: kept out of the parameter store's optimizer list but saved.
    this.target = new QNetwork(
      "q_target/",
      d,
      this.nActions,
      arch,
      activation,
      dueling,
      this.store,
      this.initRng.fork("q"),
    );
    this.target.updateFrom(this.q, 1);
    this.q.sync();
    this.target.sync();
    this.optimizer = createOptimizer(
      "adam",
      this.q.networks().flatMap((n) => n.variables),
      { maxGradNorm },
    );
  }

  protected get storedActionSize(): number {
    return 1;
  }

  protected randomAction(): { env: Action; stored: ArrayLike<number> } {
    const a = this.rng.int(this.nActions);
    return { env: a, stored: [a] };
  }

  protected explore(normObs: Float64Array): { env: Action; stored: ArrayLike<number> } {
    if (this.rng.next() < this.currentEpsilon) return this.randomAction();
    const a = this.exploit(normObs) as number;
    return { env: a, stored: [a] };
  }

  protected exploit(normObs: Float64Array): Action {
    return argmax(this.q.forward(normObs), this.nActions);
  }

  protected override afterStep(progressRemaining: number): void {
    this.currentEpsilon = this.epsilon(progressRemaining);
    if (this.numTimesteps % this.targetUpdateInterval === 0) {
      this.target.updateFrom(this.q, this.common.tau);
      this.target.sync();
    }
  }

  protected override algoState(): Record<string, number> {
    return { exploration_rate: this.currentEpsilon };
  }

  protected override restoreAlgoState(state: Readonly<Record<string, number>>): void {
    this.currentEpsilon = state.exploration_rate ?? this.currentEpsilon;
  }

  protected trainStep(batch: ReplayBatch, progressRemaining: number): Record<string, number> {
    const { size: m } = batch;
    const d = this.options.observationSize;
    const gamma = this.common.gamma;
    const targets = tf.tidy(() => {
      const next = tf.tensor2d(batch.nextObs, [m, d]);
      const nextTarget = this.target.apply(next);
      const best = this.doubleQ
        ? tf.sum(tf.mul(nextTarget, tf.oneHot(tf.argMax(this.q.apply(next), 1), this.nActions)), 1)
        : tf.max(nextTarget, 1);
      return best.dataSync() as Float32Array;
    });
    const y = new Float32Array(m);
    for (let i = 0; i < m; i++)
      y[i] = batch.rewards[i]! + (1 - batch.dones[i]!) * gamma * targets[i]!;
    const actions = Int32Array.from(batch.actions);
    const variables = this.q.networks().flatMap((n) => n.variables);
    const { loss, grads } = computeGradients(variables, () => {
      const q = this.q.apply(tf.tensor2d(batch.obs, [m, d]));
      const qa = tf.sum(tf.mul(q, tf.oneHot(tf.tensor1d(actions, "int32"), this.nActions)), 1);
      return tf.losses.huberLoss(tf.tensor1d(y), qa) as tf.Scalar;
    });
    const lr = this.lr(progressRemaining);
    this.optimizer.apply(grads, lr);
    return { loss, learning_rate: lr, exploration_rate: this.currentEpsilon };
  }

  protected optimizers(): Record<string, Optimizer> {
    return { q: this.optimizer };
  }

  protected syncNetworks(): void {
    this.q.sync();
    this.target.sync();
  }
}
