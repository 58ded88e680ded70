import type { Rng } from "../../core/rng.js";

/** Where the circular buffer stands; the filled rows are in `ReplayColumns`. */
export interface ReplayBufferPosition {
  readonly capacity: number;
  readonly obsSize: number;
  readonly actionSize: number;
  readonly position: number;
  readonly full: boolean;
}

/** The filled rows of each column (row-major; `size` rows). */
export interface ReplayColumns {
  readonly obs: Float32Array;
  readonly nextObs: Float32Array;
  readonly actions: Float32Array;
  readonly rewards: Float32Array;
  readonly dones: Float32Array;
}

export interface ReplayBatch {
  readonly size: number;
  readonly obs: Float32Array;
  readonly nextObs: Float32Array;
  readonly actions: Float32Array;
  readonly rewards: Float32Array;
  /** 1 when the transition ended in a terminal state (not a time limit): no bootstrap. */
  readonly dones: Float32Array;
}

/**
 * Circular experience replay (Lin 1992; Mnih et al. 2015) storing raw
 * observations; `sample` draws uniformly with the agent's seeded stream and
 * normalises observations with the statistics current at sampling time.
 */
export class ReplayBuffer {
  private readonly obs: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly actions: Float32Array;
  private readonly rewards: Float32Array;
  private readonly dones: Float32Array;
  private position = 0;
  private full = false;

  constructor(
    readonly capacity: number,
    readonly obsSize: number,
    readonly actionSize: number,
  ) {
    this.obs = new Float32Array(capacity * obsSize);
    this.nextObs = new Float32Array(capacity * obsSize);
    this.actions = new Float32Array(capacity * actionSize);
    this.rewards = new Float32Array(capacity);
    this.dones = new Float32Array(capacity);
  }

  get size(): number {
    return this.full ? this.capacity : this.position;
  }

  add(
    obs: Float64Array,
    nextObs: Float64Array,
    action: ArrayLike<number>,
    reward: number,
    done: boolean,
  ): void {
    const i = this.position;
    this.obs.set(obs, i * this.obsSize);
    this.nextObs.set(nextObs, i * this.obsSize);
    for (let k = 0; k < this.actionSize; k++) this.actions[i * this.actionSize + k] = action[k]!;
    this.rewards[i] = reward;
    this.dones[i] = done ? 1 : 0;
    this.position = (i + 1) % this.capacity;
    if (this.position === 0) this.full = true;
  }

  /** The last stored next-observation (to check a replayed episode lands where it was). */
  lastNextObs(): Float32Array | null {
    if (this.size === 0) return null;
    const i = (this.position - 1 + this.capacity) % this.capacity;
    return this.nextObs.slice(i * this.obsSize, (i + 1) * this.obsSize);
  }

  bufferPosition(): ReplayBufferPosition {
    const { capacity, obsSize, actionSize, position, full } = this;
    return { capacity, obsSize, actionSize, position, full };
  }

  /** Copies of the filled rows only: a checkpoint of a part-filled buffer stays small. */
  columns(): ReplayColumns {
    const n = this.size;
    return {
      obs: this.obs.slice(0, n * this.obsSize),
      nextObs: this.nextObs.slice(0, n * this.obsSize),
      actions: this.actions.slice(0, n * this.actionSize),
      rewards: this.rewards.slice(0, n),
      dones: this.dones.slice(0, n),
    };
  }

  /** Rebuilds a buffer from `bufferPosition()` and `columns()`; sizes are checked. */
  static fromState(at: ReplayBufferPosition, columns: ReplayColumns): ReplayBuffer {
    const buffer = new ReplayBuffer(at.capacity, at.obsSize, at.actionSize);
    const n = at.full ? at.capacity : at.position;
    const expect = (name: string, got: number, want: number): void => {
      if (got !== want) {
        throw new Error(`replay buffer column ${name} has ${got} values, expected ${want}`);
      }
    };
    expect("obs", columns.obs.length, n * at.obsSize);
    expect("next_obs", columns.nextObs.length, n * at.obsSize);
    expect("actions", columns.actions.length, n * at.actionSize);
    expect("rewards", columns.rewards.length, n);
    expect("dones", columns.dones.length, n);
    buffer.obs.set(columns.obs);
    buffer.nextObs.set(columns.nextObs);
    buffer.actions.set(columns.actions);
    buffer.rewards.set(columns.rewards);
    buffer.dones.set(columns.dones);
    buffer.position = at.position;
    buffer.full = at.full;
    return buffer;
  }

  sample(
    batchSize: number,
    rng: Rng,
    normalize?: (raw: Float32Array, out: Float32Array) => void,
  ): ReplayBatch {
    const d = this.obsSize;
    const a = this.actionSize;
    const obs = new Float32Array(batchSize * d);
    const nextObs = new Float32Array(batchSize * d);
    const actions = new Float32Array(batchSize * a);
    const rewards = new Float32Array(batchSize);
    const dones = new Float32Array(batchSize);
    const n = this.size;
    for (let b = 0; b < batchSize; b++) {
      const i = rng.int(n);
      obs.set(this.obs.subarray(i * d, (i + 1) * d), b * d);
      nextObs.set(this.nextObs.subarray(i * d, (i + 1) * d), b * d);
      actions.set(this.actions.subarray(i * a, (i + 1) * a), b * a);
      rewards[b] = this.rewards[i]!;
      dones[b] = this.dones[i]!;
    }
    if (normalize) {
      normalize(obs, obs);
      normalize(nextObs, nextObs);
    }
    return { size: batchSize, obs, nextObs, actions, rewards, dones };
  }
}
