import { didYouMean } from "./suggest.js";

/** Thrown when a `type:` name is not registered; carries the valid names. */
export class UnknownTypeError extends Error {
  constructor(
    readonly kind: string,
    readonly typeName: string,
    readonly known: readonly string[],
    readonly suggestion: string | undefined,
  ) {
    super(
      `unknown ${kind} type "${typeName}"` +
        (suggestion ? `; did you mean "${suggestion}"?` : "") +
        ` Valid types: ${known.join(", ")}`,
    );
    this.name = "UnknownTypeError";
  }
}

/**
 * A registry of named implementations (`type: ppo` → the PPO factory). Each
 * domain builds its own registry instance; nothing is registered globally.
 */
export class NamedRegistry<T> {
  private readonly entries = new Map<string, T>();

  constructor(readonly kind: string) {}

  register(name: string, implementation: T): this {
    if (this.entries.has(name)) throw new Error(`${this.kind} type "${name}" is registered twice`);
    this.entries.set(name, implementation);
    return this;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get(name: string): T {
    const found = this.entries.get(name);
    if (found === undefined) {
      const known = this.names();
      throw new UnknownTypeError(this.kind, name, known, didYouMean(name, known));
    }
    return found;
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }
}
