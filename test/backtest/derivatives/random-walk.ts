import { createRng } from "../../../runtime/core/rng.js";
import type { OhlcvPanel } from "../../../runtime/contracts/panel.js";
import { tinyPanel } from "../tiny-panel.js";

/** A seeded lognormal random walk (daily, calendar days) with opens between closes, and random long/flat/short weights. */
export function randomWalk(
  seed: number,
  bars: number,
  options: { vol?: number; shorts?: boolean; choices?: number[] } = {},
): { panel: OhlcvPanel; weights: Float64Array[] } {
  const rng = createRng(seed);
  const vol = options.vol ?? 0.015;
  const close: number[] = [];
  const open: number[] = [];
  let price = 100;
  for (let t = 0; t < bars; t++) {
    const o = price * Math.exp(0.3 * vol * rng.normal());
    price = o * Math.exp(vol * rng.normal());
    open.push(o);
    close.push(price);
  }
  const choices = options.choices ?? (options.shorts ? [-1, 0, 0.5, 1, 2] : [0, 0.5, 1, 1]);
  let w = 1;
  const weights = Float64Array.from({ length: bars }, () => {
    if (rng.next() < 0.08) w = choices[Math.floor(rng.next() * choices.length)]!;
    return w;
  });
  return { panel: tinyPanel([{ open, close }], Date.UTC(2023, 0, 2)), weights: [weights] };
}
