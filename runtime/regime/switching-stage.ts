import type { SpecLocation } from "../core/spec-location.js";
import type { Stage, StageKind, StageOutput } from "../core/stage.js";
import { namedSignalWeights, switchedSignal } from "../backtest/regime-switching.js";
import type { RegimeSpec } from "../spec/types.generated.js";
import { messages } from "./messages.js";

/**
 * The signal stage under `regime.switching`: runs the experiment's own signal
 * stage (a rule strategy or an agent), then switches its targets by the
 * regime labelled at each bar (scale, a named signal of `regime.signals`,
 * fixed weights or flat). Switching happens here, once, so every later stage
 * — the risk overlay, the backtest, the report — reads the switched targets
 * as the plan's one signal. Writes switching.json (bars per regime entry) to
 * the signal's folder.
 */
export function withRegimeSwitching<
  In extends StageKind,
  Opt extends StageKind,
  Out extends StageOutput<"signal">,
>(
  inner: Stage<"signal", In, Opt, Out>,
  regime: RegimeSpec,
  loc: SpecLocation,
): Stage<"signal", In | "data" | "regime", Opt, Out> {
  const innerReads: Readonly<Partial<Record<StageKind, readonly string[]>>> = inner.reads ?? {};
  const reads: Readonly<Partial<Record<StageKind, readonly string[]>>> = {
    ...innerReads,
    data: [...new Set([...(innerReads.data ?? []), "panel"])],
    regime: ["labels", "switching"],
  };
  return {
    ...inner,
    inputs: [...new Set<In | "data" | "regime" | Opt>(["data", "regime", ...inner.inputs])],
    reads,
    async run(ctx, input) {
      const signal = await inner.run(ctx, input);
      const panel = input.data.panel;
      const switched = switchedSignal(signal, input.regime, panel, (name) =>
        namedSignalWeights(name, regime.signals, panel, loc, signal.weights),
      );
      const bars = new Map<string, number>();
      for (const label of input.regime.labels) {
        const key = label < 0 ? "unknown" : String(label);
        bars.set(key, (bars.get(key) ?? 0) + 1);
      }
      ctx.artifacts.writeJson("switching.json", {
        switching: input.regime.switching ?? {},
        signals: regime.signals ?? {},
        bars: Object.fromEntries(bars),
      });
      ctx.logger.log(
        "info",
        messages.switchingSummary([...bars].map(([key, n]) => `${key}: ${n} bars`)),
      );
      return { ...signal, weights: switched.weights };
    },
  };
}
