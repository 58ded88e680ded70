/** Encoding fragments shared by the time-series charts. */

/** x = bar time (epoch ms), UTC so rendering never depends on the machine's time zone. */
export function timeX() {
  return {
    field: "t",
    type: "temporal" as const,
    scale: { type: "utc" as const },
    title: null,
    axis: { format: "%b %Y", labelOverlap: true as const, grid: false, tickCount: 8 },
  };
}

/** A color scale pinned to the given series names and colors. */
export function seriesColor(names: readonly string[], colors: readonly string[], title?: string) {
  return {
    field: "series",
    type: "nominal" as const,
    title: title ?? null,
    scale: { domain: [...names], range: [...colors] },
    sort: [...names],
  };
}
