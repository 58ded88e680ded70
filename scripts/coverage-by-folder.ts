// A coverage report (an istanbul report class, loaded by vitest's coverage provider as a custom
// reporter: `reporter: ["./scripts/coverage-by-folder.ts"]`) that prints line, branch and function
// coverage per top folder (runtime/, server/, cli/) and per folder one level below it
// (runtime/backtest/, server/jobs/, …; files directly in a top folder form its "(files)" row).
// The thresholds themselves are vitest's (vitest.config.ts); this only makes the figures readable.
//
// Node loads this file without a build (type stripping), so it uses erasable TypeScript only and
// imports nothing from the project; the istanbul shapes it reads are declared structurally below.
import { relative, sep } from "node:path";

interface Count {
  total: number;
  covered: number;
}
interface Summary {
  lines: Count;
  branches: Count;
  functions: Count;
}
interface FileNode {
  getFileCoverage(): { path: string; toSummary(): Summary };
}
interface ReportContext {
  getTree(name: "flat"): { visit(visitor: { onDetail(node: FileNode): void }): void };
  getWriter(): { writeFile(file: null): { println(line: string): void; close(): void } };
}

const KINDS = ["lines", "branches", "functions"] as const;
type Totals = Record<(typeof KINDS)[number], Count>;

function emptyTotals(): Totals {
  return {
    lines: { total: 0, covered: 0 },
    branches: { total: 0, covered: 0 },
    functions: { total: 0, covered: 0 },
  };
}

function add(into: Totals, summary: Summary): void {
  for (const kind of KINDS) {
    into[kind].total += summary[kind].total;
    into[kind].covered += summary[kind].covered;
  }
}

function percent(count: Count): string {
  if (count.total === 0) return "     –";
  return `${((100 * count.covered) / count.total).toFixed(1).padStart(5)} %`;
}

/** `runtime/backtest/stats/x.ts` → ["runtime/", "runtime/backtest/"]; `server/app.ts` → ["server/", "server/ (files)"]. */
export function foldersOf(relativePath: string): [string, string] {
  const parts = relativePath.split(sep).join("/").split("/");
  const top = `${parts[0]}/`;
  return [top, parts.length > 2 ? `${top}${parts[1]}/` : `${top} (files)`];
}

export default class CoverageByFolderReport {
  readonly #root: string;

  constructor(options: { projectRoot?: string } = {}) {
    this.#root = options.projectRoot ?? process.cwd();
  }

  execute(context: ReportContext): void {
    const groups = new Map<string, Totals>();
    context.getTree("flat").visit({
      onDetail: (node) => {
        const coverage = node.getFileCoverage();
        const summary = coverage.toSummary();
        for (const folder of foldersOf(relative(this.#root, coverage.path))) {
          const totals = groups.get(folder) ?? emptyTotals();
          add(totals, summary);
          groups.set(folder, totals);
        }
      },
    });
    const rows = [...groups.keys()].sort((a, b) => {
      const [topA, topB] = [a.split("/")[0] ?? a, b.split("/")[0] ?? b];
      if (topA !== topB) return topA < topB ? -1 : 1;
      return a.length === topA.length + 1 ? -1 : b.length === topB.length + 1 ? 1 : a < b ? -1 : 1;
    });
    const out = context.getWriter().writeFile(null);
    out.println("");
    out.println(`${"Coverage by folder".padEnd(30)}${"lines".padEnd(22)}branches  functions`);
    for (const folder of rows) {
      const totals = groups.get(folder) ?? emptyTotals();
      if (totals.lines.total === 0) continue;
      const isTop = /^[^/]+\/$/.test(folder);
      const name = isTop ? folder : `  ${folder}`;
      const lines = `${percent(totals.lines)} ${totals.lines.covered}/${totals.lines.total}`;
      out.println(
        `${name.padEnd(30)}${lines.padEnd(22)}${percent(totals.branches).padEnd(10)}${percent(totals.functions)}`,
      );
    }
    out.close();
  }
}
