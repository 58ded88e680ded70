import type { CorrelationSection } from "../tear-sheet-input.js";
import { type ChartSize, type ChartSpec, PALETTE } from "./chart.js";

export interface NetworkNode {
  readonly symbol: string;
  readonly x: number;
  readonly y: number;
}

export interface NetworkEdge {
  readonly x: number;
  readonly y: number;
  readonly x2: number;
  readonly y2: number;
  readonly rho: number;
  readonly strength: number;
  readonly sign: "positive" | "negative";
}

/** Nodes on a circle (deterministic layout), edges where |ρ| ≥ threshold. */
export function correlationNetwork(section: CorrelationSection): {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
} {
  const n = section.symbols.length;
  const threshold = section.threshold ?? 0.3;
  const nodes = section.symbols.map((symbol, i) => {
    const angle = Math.PI / 2 - (2 * Math.PI * i) / Math.max(1, n);
    return { symbol, x: Math.cos(angle), y: Math.sin(angle) };
  });
  const edges: NetworkEdge[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const rho = section.matrix[i]?.[j] ?? Number.NaN;
      if (!Number.isFinite(rho) || Math.abs(rho) < threshold) continue;
      const a = nodes[i]!;
      const b = nodes[j]!;
      edges.push({
        x: a.x,
        y: a.y,
        x2: b.x,
        y2: b.y,
        rho,
        strength: Math.abs(rho),
        sign: rho >= 0 ? "positive" : "negative",
      });
    }
  }
  return { nodes, edges };
}

/** Correlation network of the assets: thicker lines for stronger correlation, red when negative. */
export function correlationNetworkChart(
  section: CorrelationSection,
  options: ChartSize = {},
): ChartSpec {
  const { nodes, edges } = correlationNetwork(section);
  const size = options.height ?? 360;
  const axisless = { axis: null, scale: { domain: [-1.35, 1.35] } };
  return {
    name: "correlation-network",
    title: `Correlation network (|ρ| ≥ ${section.threshold ?? 0.3})`,
    spec: {
      width: options.width ?? size,
      height: size,
      layer: [
        {
          data: { values: edges },
          mark: { type: "rule", opacity: 0.75 },
          encoding: {
            x: { field: "x", type: "quantitative", ...axisless },
            y: { field: "y", type: "quantitative", ...axisless },
            x2: { field: "x2" },
            y2: { field: "y2" },
            strokeWidth: {
              field: "strength",
              type: "quantitative",
              scale: { domain: [0, 1], range: [0.5, 6] },
              legend: null,
            },
            color: {
              field: "sign",
              type: "nominal",
              title: "correlation",
              scale: { domain: ["positive", "negative"], range: [PALETTE.strategy, PALETTE.loss] },
            },
          },
        },
        {
          data: { values: nodes },
          mark: { type: "circle", size: 260, color: "#f4f4f4", stroke: "#333", opacity: 1 },
          encoding: {
            x: { field: "x", type: "quantitative", ...axisless },
            y: { field: "y", type: "quantitative", ...axisless },
          },
        },
        {
          data: { values: nodes },
          mark: { type: "text", fontSize: 10, fontWeight: 600, dy: -16 },
          encoding: {
            x: { field: "x", type: "quantitative", ...axisless },
            y: { field: "y", type: "quantitative", ...axisless },
            text: { field: "symbol", type: "nominal" },
          },
        },
      ],
    },
  };
}
