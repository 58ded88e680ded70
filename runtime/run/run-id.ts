/** `20261123-211500-quickstart-1a2b3c4d`: sortable time, the spec name, a short hash of spec + seed. */
export function makeRunId(name: string, specHash: string, seed: number, now: Date): string {
  const iso = now.toISOString(); // 2026-11-23T21:15:00.000Z
  const stamp = `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
  const safeName = name.replace(/[^a-zA-Z0-9_-]+/g, "-").slice(0, 48);
  const short = `${specHash.slice(0, 6)}${(seed >>> 0).toString(16).padStart(2, "0").slice(-2)}`;
  return `${stamp}-${safeName}-${short}`;
}
