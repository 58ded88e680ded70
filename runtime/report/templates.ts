import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/** The compiled Handlebars templates of the reports/ folder plus its CSS. */
export interface ReportTemplates {
  readonly tearSheet: Handlebars.TemplateDelegate;
  readonly comparison: Handlebars.TemplateDelegate;
  /** The sweep report (runtime/report/sweep/). */
  readonly sweep: Handlebars.TemplateDelegate;
  readonly css: string;
  readonly dir: string;
}

/**
 * The reports/ folder: found by walking up from this module, so it works from
 * the TypeScript sources (runtime/report/) and from the build (dist/runtime/report/).
 */
export function findReportsDir(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "reports", "tear-sheet.hbs"))) return join(dir, "reports");
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`reports/tear-sheet.hbs not found above ${start}`);
    dir = parent;
  }
}

/**
 * Reads and compiles the templates into a private Handlebars environment
 * (nothing is registered on the global Handlebars object).
 */
export function loadReportTemplates(dir = findReportsDir()): ReportTemplates {
  const hb = Handlebars.create();
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  hb.registerHelper("includes", (list: unknown, value: unknown) =>
    Array.isArray(list) ? list.includes(value) : false,
  );
  hb.registerHelper("anyText", (list: unknown) =>
    Array.isArray(list) ? list.some((s) => typeof s === "string" && s !== "") : false,
  );
  for (const partial of ["head", "section", "table"]) {
    hb.registerPartial(partial, read(`partials/${partial}.hbs`));
  }
  const options = { strict: false, noEscape: false };
  return {
    tearSheet: hb.compile(read("tear-sheet.hbs"), options),
    comparison: hb.compile(read("comparison.hbs"), options),
    sweep: hb.compile(read("sweep.hbs"), options),
    css: read("tear-sheet.css"),
    dir,
  };
}
