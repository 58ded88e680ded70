/**
 * Makes rendered SVG stable for snapshots: floats rounded to `digits`
 * decimals (layout noise across platforms), generated ids renumbered in order
 * of appearance (and their url(#…)/href="#…" references with them), one tag
 * per line so snapshot diffs are readable.
 */
export function normalizeSvg(svg: string, digits = 2): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = match[1]!;
    if (!ids.has(id)) ids.set(id, `id${ids.size}`);
  }
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${rename(id)})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${rename(id)}"`)
    .replace(/-?\d+\.\d+(e-?\d+)?/g, (m) => {
      const rounded = Number(Number(m).toFixed(digits));
      return String(Object.is(rounded, -0) ? 0 : rounded);
    })
    .replace(/></g, ">\n<");
}
