import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { drawdownChart, renderChart } from "../../runtime/report/charts/index.js";
import {
  createNotebookHelpers,
  type NotebookDisplay,
  toRecords,
} from "../../runtime/notebook/index.js";

function recorder(): NotebookDisplay & { html: (s: string) => void; out: string[] } {
  const out: string[] = [];
  return { out, html: (s) => out.push(s), text: (s) => out.push(s) } as NotebookDisplay & {
    out: string[];
  };
}

const chart = drawdownChart({ times: [0, 86_400_000, 172_800_000], values: [0, -0.1, -0.05] });

describe("notebook helpers", () => {
  it("show() sends charts as HTML with inline SVG, from a spec, a rendered chart or SVG text", async () => {
    const d = recorder();
    const nb = createNotebookHelpers(d);
    await nb.show(chart);
    await nb.show(await renderChart(chart));
    await nb.show("<svg xmlns='http://www.w3.org/2000/svg'></svg>");
    expect(d.out).toHaveLength(3);
    expect(d.out[0]).toMatch(
      /^<figure class="drlwb-chart"[^>]*><figcaption[^>]*>Underwater \(drawdown\)<\/figcaption><svg/,
    );
    expect(d.out[1]).toBe(d.out[0]);
    await expect(nb.show("not svg")).rejects.toThrow(TypeError);
  });

  it("table() renders records, statistics rows and polars frames, escaped, with a row limit", () => {
    const d = recorder();
    const nb = createNotebookHelpers(d);
    nb.table([
      { a: 1.23456789, b: "<b>x</b>" },
      { a: 2, b: null },
    ]);
    expect(d.out[0]).toContain('<td style="text-align:right">1.23457</td>');
    expect(d.out[0]).toContain("&lt;b&gt;x&lt;/b&gt;");
    nb.table([
      {
        key: "sharpeRatio",
        label: "Sharpe Ratio",
        format: "ratio",
        strategy: 1.234,
        benchmark: 0.5,
      },
    ]);
    expect(d.out[1]).toContain("<td>Sharpe Ratio</td><td>1.23</td><td>0.50</td>");
    const df = pl.DataFrame({ symbol: ["A", "B", "C"], close: [1, 2, 3] });
    nb.table(df, { maxRows: 2, caption: "closes" });
    expect(d.out[2]).toContain("<caption>closes</caption>");
    expect(d.out[2]).toContain("<td>A</td>");
    expect(d.out[2]).not.toContain("<td>B</td>");
    expect(d.out[2]).toContain("2 of 3 rows shown");
    expect(toRecords({ x: 1, y: "z" })).toEqual([
      { key: "x", value: 1 },
      { key: "y", value: "z" },
    ]);
  });

  it("report() shows the whole tear sheet isolated in an iframe", async () => {
    const d = recorder();
    await createNotebookHelpers(d).report({
      title: 'a "quoted" title',
      drawdown: { times: [0, 1, 2], values: [0, -0.1, -0.05] },
    });
    expect(d.out[0]).toMatch(
      /^<iframe title="a &quot;quoted&quot; title" [^>]*sandbox srcdoc="<!doctype html>/i,
    );
  });
});
