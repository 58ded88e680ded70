export interface FailureThrottleOptions {
  /** Failed attempts allowed per address within a window; the next attempts are refused. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** Addresses remembered at once; the oldest is forgotten first. */
  readonly maxAddresses: number;
  readonly now?: () => number;
}

interface AddressState {
  failures: number;
  /** Attempts being verified right now (counted against the limit once a failure was seen). */
  pending: number;
  /** End of the window that started with the first failure. */
  resetAt: number;
}

/**
 * Counts failed authentication attempts per client address and blocks an
 * address after `maxFailures` failures until its window ends. The check comes
 * before any verification, so a blocked address costs no HMAC or key lookup.
 * Attempts in flight count against the limit once the address has failed,
 * so concurrent guesses cannot overshoot it.
 */
export class FailureThrottle {
  private readonly byAddress = new Map<string, AddressState>();
  private readonly now: () => number;

  constructor(private readonly options: FailureThrottleOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Before verifying credentials from `address`: undefined when the attempt
   * may proceed (call `succeeded` or `failed` after), else the seconds until
   * the address may try again.
   */
  begin(address: string): number | undefined {
    const state = this.current(address);
    if (state === undefined) {
      this.touch(address, { failures: 0, pending: 1, resetAt: 0 });
      return undefined;
    }
    const counted = state.failures + (state.failures > 0 ? state.pending : 0);
    if (counted >= this.options.maxFailures)
      return Math.max(1, Math.ceil((state.resetAt - this.now()) / 1000));
    state.pending++;
    return undefined;
  }

  succeeded(address: string): void {
    const state = this.byAddress.get(address);
    if (!state) return;
    state.pending = Math.max(0, state.pending - 1);
    if (state.failures === 0 && state.pending === 0) this.byAddress.delete(address);
  }

  failed(address: string): void {
    const now = this.now();
    const state = this.current(address) ?? { failures: 0, pending: 1, resetAt: 0 };
    state.pending = Math.max(0, state.pending - 1);
    if (state.failures === 0) state.resetAt = now + this.options.windowMs;
    state.failures++;
    this.touch(address, state);
  }

  /** The state of an address, forgetting it when its window has ended and nothing is pending. */
  private current(address: string): AddressState | undefined {
    const state = this.byAddress.get(address);
    if (!state) return undefined;
    if (state.failures > 0 && this.now() >= state.resetAt) {
      state.failures = 0;
      state.resetAt = 0;
      if (state.pending === 0) {
        this.byAddress.delete(address);
        return undefined;
      }
    }
    return state;
  }

  /** Stores an address's state as the most recent, forgetting the oldest beyond the bound. */
  private touch(address: string, state: AddressState): void {
    this.byAddress.delete(address);
    this.byAddress.set(address, state);
    while (this.byAddress.size > this.options.maxAddresses) {
      const oldest = this.byAddress.keys().next().value;
      if (oldest === undefined) break;
      this.byAddress.delete(oldest);
    }
  }
}
