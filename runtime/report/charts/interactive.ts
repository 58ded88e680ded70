import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./chart.js";
import { chartConfig } from "./vega-config.js";

/**
 * The interactive version of a chart for the HTML report: the same vega-lite
 * spec plus
 * - tooltips: every line/area series of a time chart gets an invisible point
 *   per drawn bar carrying a tooltip (date, series, value in the axis format);
 *   other charts show their encoded fields;
 * - zoom/pan on time axes: an interval selection bound to the x scale (drag
 *   pans, Shift+wheel zooms, double-click resets), named `zoom`, so its domain
 *   is the `zoom_t` signal the page links between charts (LINKED_CHARTS);
 * - linked brushing on LINKED_CHARTS: Shift+drag selects a time interval
 *   (the `brush` param, signal `brush_t`), which the page shows on the
 *   other linked charts; double-click clears it.
 * The static SVG (and the PDF) is rendered from the plain spec.
 */

/** Charts whose time axes move together: zooming or panning one zooms and pans the others. */
export const LINKED_CHARTS: readonly string[] = [
  "equity",
  "drawdown",
  "allocations-actual",
  "allocations-target",
  "price-trades",
];

/** The vega signal holding a zoomed chart's x domain (the `zoom` param over field `t`). */
export const ZOOM_DOMAIN_SIGNAL = "zoom_t";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The x encoding of a unit spec when it is the bar time (`t`, temporal). */
function timeEncoding(unit: Json): { x: Json; y: Json | undefined; encoding: Json } | undefined {
  if (!("mark" in unit) || !isObject(unit.encoding)) return undefined;
  const encoding = unit.encoding;
  const x = encoding.x;
  if (!isObject(x) || x.field !== "t" || x.type !== "temporal") return undefined;
  return { x, y: isObject(encoding.y) ? encoding.y : undefined, encoding };
}

function markType(unit: Json): string | undefined {
  const mark = unit.mark;
  if (typeof mark === "string") return mark;
  return isObject(mark) && typeof mark.type === "string" ? mark.type : undefined;
}

/** The tooltip fields of a time unit: date, the series (color/shape field) and the value. */
function tooltipFields(encoding: Json, y: Json | undefined): Json[] {
  const fields: Json[] = [
    {
      field: "t",
      type: "temporal",
      timeUnit: "utcyearmonthdate",
      title: "date",
      format: "%Y-%m-%d",
    },
  ];
  for (const channel of ["color", "shape"]) {
    const c = encoding[channel];
    if (isObject(c) && typeof c.field === "string") {
      fields.push({ field: c.field, type: "nominal", title: "series" });
      break;
    }
  }
  if (y && typeof y.field === "string") {
    const axis = isObject(y.axis) ? y.axis : {};
    const format = typeof axis.format === "string" && axis.format !== "~s" ? axis.format : ",.4~f";
    const title = typeof y.title === "string" ? y.title : "value";
    fields.push({ field: y.field, type: "quantitative", title, format });
  }
  return fields;
}

/** An invisible point per datum of a line/area unit, carrying the tooltip. */
function tooltipLayer(unit: Json, time: { x: Json; y: Json | undefined; encoding: Json }): Json {
  const { encoding, y } = time;
  const keep: Json = { x: time.x, ...(y ? { y } : {}) };
  for (const channel of ["color", "order", "detail"]) {
    if (encoding[channel] !== undefined) keep[channel] = encoding[channel];
  }
  return {
    ...(unit.data !== undefined ? { data: unit.data } : {}),
    mark: { type: "point", opacity: 0, size: 70, filled: true },
    encoding: { ...keep, tooltip: tooltipFields(encoding, y) },
  };
}

/** Drag (without Shift) pans a zoomable chart; Shift+drag brushes a linked one. */
const PAN_DRAG = "[pointerdown[!event.shiftKey], window:pointerup] > window:pointermove!";
const BRUSH_DRAG = "[pointerdown[event.shiftKey], window:pointerup] > window:pointermove!";

const ZOOM_PARAM: Json = {
  name: "zoom",
  select: {
    type: "interval",
    encodings: ["x"],
    // Shift+wheel zooms: a plain wheel keeps scrolling the report.
    zoom: "wheel![event.shiftKey]",
    translate: PAN_DRAG,
  },
  bind: "scales",
};

/** The vega signal holding a linked chart's brushed interval (the `brush` param over field `t`). */
export const BRUSH_DOMAIN_SIGNAL = "brush_t";
/** The same interval in pixels of the chart's x scale. */
export const BRUSH_PIXEL_SIGNAL = "brush_x";

/**
 * Linked brushing: Shift+drag selects a time interval, drawn as a shaded band;
 * the page script copies it to the other linked charts (double-click clears).
 */
const BRUSH_PARAM: Json = {
  name: "brush",
  select: {
    type: "interval",
    encodings: ["x"],
    on: BRUSH_DRAG,
    translate: false,
    zoom: false,
    clear: "dblclick",
    mark: { fill: "#f2a900", fillOpacity: 0.18, stroke: "#c77f00", strokeOpacity: 0.6 },
  },
};

interface Walk {
  zoomed: boolean;
  timeUnits: number;
  /** Add the brush param beside the zoom (linked charts). */
  brush: boolean;
}

/** Adds tooltip layers (and the zoom param on the first time unit) in a layer array. */
function augmentLayers(layers: unknown[], walk: Walk): unknown[] {
  const out: unknown[] = [];
  for (const child of layers) {
    if (!isObject(child)) {
      out.push(child);
      continue;
    }
    if (Array.isArray(child.layer)) {
      out.push({ ...child, layer: augmentLayers(child.layer, walk) });
      continue;
    }
    const time = timeEncoding(child);
    if (!time) {
      out.push(child);
      continue;
    }
    walk.timeUnits++;
    const zoom = !walk.zoomed;
    walk.zoomed = true;
    const type = markType(child);
    const added = walk.brush ? [ZOOM_PARAM, BRUSH_PARAM] : [ZOOM_PARAM];
    const withZoom = zoom ? { ...child, params: [...paramsOf(child), ...added] } : child;
    if (type === "point") {
      out.push({
        ...withZoom,
        encoding: { ...time.encoding, tooltip: tooltipFields(time.encoding, time.y) },
      });
    } else if (type === "line" || type === "area") {
      out.push(withZoom, tooltipLayer(child, time));
    } else out.push(withZoom);
  }
  return out;
}

function paramsOf(unit: Json): unknown[] {
  return Array.isArray(unit.params) ? unit.params : [];
}

/** The view keys that stay on a unit turned into a layer (size, data, title, …). */
const UNIT_KEYS = new Set(["mark", "encoding", "params", "transform", "projection"]);

/** A view (unit, layer or concat) with its time units augmented. */
function augmentView(view: Json, walk: Walk): Json {
  if (Array.isArray(view.vconcat)) {
    return { ...view, vconcat: view.vconcat.map((v) => (isObject(v) ? augmentView(v, walk) : v)) };
  }
  if (Array.isArray(view.layer)) return { ...view, layer: augmentLayers(view.layer, walk) };
  if (!timeEncoding(view)) return view;
  const outer: Json = {};
  const unit: Json = {};
  for (const [key, value] of Object.entries(view)) {
    if (UNIT_KEYS.has(key)) unit[key] = value;
    else outer[key] = value;
  }
  return { ...outer, layer: augmentLayers([unit], walk) };
}

/** The chart's vega-lite spec with tooltips and, on time charts, zoom/pan bound to x. */
export function interactiveSpec(chart: ChartSpec): { spec: TopLevelSpec; zoomable: boolean } {
  const copy: unknown = JSON.parse(JSON.stringify(chart.spec));
  if (!isObject(copy)) return { spec: chart.spec, zoomable: false };
  const walk: Walk = { zoomed: false, timeUnits: 0, brush: LINKED_CHARTS.includes(chart.name) };
  const augmented = augmentView(copy, walk);
  if (walk.timeUnits === 0) {
    // Not a time chart: every mark shows its encoded fields.
    const config = isObject(augmented.config) ? augmented.config : {};
    augmented.config = { ...config, mark: { tooltip: { content: "encoding" } } };
  }
  const spec: unknown = augmented;
  return { spec: spec as TopLevelSpec, zoomable: walk.zoomed };
}

/** The compiled vega spec of the chart's interactive version, as JSON safe inside a <script> element. */
export interface InteractiveChart {
  readonly vegaJson: string;
  readonly zoomable: boolean;
  readonly linked: boolean;
}

/**
 * JSON for an inline `<script type="application/json">`: `<`, `>`, `&` and the
 * line separators escaped, so no data (a symbol name) can close the element.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Compiles the interactive version of a chart to a vega spec (vega-lite is imported on first use). */
export async function compileInteractive(chart: ChartSpec): Promise<InteractiveChart> {
  const { compile } = await import("vega-lite");
  const { spec, zoomable } = interactiveSpec(chart);
  const vega = compile(spec, { config: chartConfig() }).spec;
  return {
    vegaJson: scriptSafeJson(vega),
    zoomable,
    linked: zoomable && LINKED_CHARTS.includes(chart.name),
  };
}
