import { NamedRegistry } from "../../core/named-registry.js";
import type { BenchmarkKind } from "./benchmark-kind.js";
import { buyAndHoldBenchmark, fileBenchmark, fixedMixBenchmark, symbolBenchmark } from "./kinds.js";

/** The benchmark kinds by `type` (a new registry per call; nothing global). */
export function createBenchmarkRegistry(): NamedRegistry<BenchmarkKind> {
  return new NamedRegistry<BenchmarkKind>("benchmark")
    .register(buyAndHoldBenchmark.type, buyAndHoldBenchmark)
    .register(symbolBenchmark.type, symbolBenchmark)
    .register(fixedMixBenchmark.type, fixedMixBenchmark)
    .register(fileBenchmark.type, fileBenchmark);
}
