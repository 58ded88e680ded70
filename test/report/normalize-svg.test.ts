import { describe, expect, it } from "vitest";
import { normalizeSvg } from "./normalize-svg.js";

describe("normalizeSvg", () => {
  it("rounds floats and renumbers ids with their references", () => {
    const svg =
      '<svg><clipPath id="clip17"><rect x="0.123456"/></clipPath><g clip-path="url(#clip17)"><path d="M1.0049,-0.0001L2,3"/></g><use href="#clip17"/></svg>';
    expect(normalizeSvg(svg)).toBe(
      [
        "<svg>",
        '<clipPath id="id0">',
        '<rect x="0.12"/>',
        "</clipPath>",
        '<g clip-path="url(#id0)">',
        '<path d="M1,0L2,3"/>',
        "</g>",
        '<use href="#id0"/>',
        "</svg>",
      ].join("\n"),
    );
  });

  it("gives the same text for SVGs that differ only in ids and float noise", () => {
    const a = '<g id="a1" transform="translate(10.0000001,5)"/><g clip-path="url(#a1)"/>';
    const b = '<g id="zz" transform="translate(9.9999999,5)"/><g clip-path="url(#zz)"/>';
    expect(normalizeSvg(a)).toBe(normalizeSvg(b));
  });
});
