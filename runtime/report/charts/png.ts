import { Resvg } from "@resvg/resvg-js";

export interface PngOptions {
  /** Output width in px; height follows the aspect ratio (default: the SVG's own size × 2). */
  readonly width?: number;
}

/** Rasterizes a chart SVG to PNG bytes with resvg (system fonts, no network). */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: options.width ? { mode: "width", value: options.width } : { mode: "zoom", value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}
