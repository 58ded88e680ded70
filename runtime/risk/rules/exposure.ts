/** Exposure arithmetic shared by the limit rules. */
import { sum } from "../../stats/moments.js";

export function gross(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += Math.abs(w[i]!);
  return s;
}

export function net(w: Float64Array): number {
  return sum(w);
}

export function longSum(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) s += w[i]!;
  return s;
}

export function shortSum(w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! < 0) s -= w[i]!;
  return s;
}

/** True when any weight differs by more than `eps`. */
export function changed(a: Float64Array, b: Float64Array, eps = 1e-12): boolean {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > eps) return true;
  return false;
}
