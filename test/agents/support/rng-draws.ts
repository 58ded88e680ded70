import { createHash } from "node:crypto";
import type { Rng } from "../../../runtime/core/rng.js";

type Draws = Pick<Rng, "uint32" | "next" | "int" | "normal">;

/** 1000 draws of one kind from `rng` (`mixed`: 1000 rounds of uint32, next, int(1000), normal). */
export function drawKind(
  rng: Draws,
  kind: "uint32" | "next" | "int" | "normal" | "mixed",
): number[] {
  const out: number[] = [];
  for (let i = 0; i < 1000; i++) {
    if (kind === "uint32") out.push(rng.uint32());
    else if (kind === "next") out.push(rng.next());
    else if (kind === "int") out.push(rng.int(1000));
    else if (kind === "normal") out.push(rng.normal());
    else out.push(rng.uint32(), rng.next(), rng.int(1000), rng.normal());
  }
  return out;
}

/** SHA-256 of the draws as little-endian float64 bytes: equal only when every bit is equal. */
export function drawsHash(values: readonly number[]): string {
  return createHash("sha256")
    .update(new Uint8Array(Float64Array.from(values).buffer))
    .digest("hex");
}
