import { createRng, type Rng, restoreRng } from "../../core/rng.js";
import { agentsMessages } from "../../messages/agents.js";
import { damagedState, resumeError } from "./resume-error.js";

/**
 * Where a resumable stream stands: its seed and the core generator's four
 * state words (`Rng.state()`). Checkpoints written before the state words
 * were saved hold `draws` (32-bit words drawn) instead; those are still read.
 */
export type RngPosition =
  | { readonly seed: number; readonly state: readonly number[] }
  | { readonly seed: number; readonly draws: number };

/**
 * A core stream (`createRng`) that a checkpoint can put back exactly where it
 * was: every draw is the core stream's own, `position()` is its seed and state
 * words, and `restore` rebuilds it from them in constant time (`restoreRng`).
 */
export class ResumableRng implements Rng {
  private base: Rng;

  constructor(base: Rng) {
    this.base = base;
  }

  get seed(): number {
    return this.base.seed;
  }

  uint32(): number {
    return this.base.uint32();
  }

  next(): number {
    return this.base.next();
  }

  int(n: number): number {
    return this.base.int(n);
  }

  normal(): number {
    return this.base.normal();
  }

  fork(name: string): Rng {
    return this.base.fork(name);
  }

  state(): readonly number[] {
    return this.base.state();
  }

  position(): RngPosition {
    return { seed: this.base.seed, state: this.base.state() };
  }

  /** Puts the stream at `position` (from its state words, or an old checkpoint's draw count). */
  restore(position: RngPosition): void {
    if (position.seed !== this.base.seed) {
      throw resumeError(
        agentsMessages.resumeSeedChanged(position.seed, this.base.seed),
        agentsMessages.resumeSeedHint(),
      );
    }
    if ("state" in position) {
      try {
        this.base = restoreRng(position.seed, position.state);
      } catch (error) {
        throw damagedState(`random stream: ${(error as Error).message}`);
      }
      return;
    }
    this.base = createRng(position.seed);
    for (let i = 0; i < position.draws; i++) this.base.uint32();
  }
}
