/**
 * The notebooks are clients of the package API: they import `drl-workbench`
 * and `drl-workbench/notebook` (package.json "exports"), never compiled
 * paths under ../dist (the server through `drl-workbench/server`). Node resolves the package's own name
 * from inside it (self-reference), also from tslab's CommonJS `require`; every
 * name a notebook imports is exported by the built entry it names.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuiltRuntime, ROOT } from "./jupyter.js";

const dir = join(ROOT, "notebooks");
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".ipynb"))
  .sort()
  .map((name) => {
    const nb = JSON.parse(readFileSync(join(dir, name), "utf8")) as {
      cells: { cell_type: string; source: string | string[] }[];
    };
    const code = nb.cells
      .filter((c) => c.cell_type === "code")
      .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
      .join("\n");
    return { name, code };
  });

/** `import { a, b } from "<module>"` → module → names, over every notebook. */
function packageImports(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const { code } of sources) {
    for (const m of code.matchAll(/import \{([^}]+)\} from "(drl-workbench(?:\/[a-z]+)?)"/g)) {
      const names = found.get(m[2]!) ?? new Set<string>();
      for (const n of m[1]!.split(",")) names.add(n.trim());
      found.set(m[2]!, names);
    }
  }
  return found;
}

beforeAll(() => ensureBuiltRuntime(), 600_000);

describe("notebooks import the package API", () => {
  it("never import the compiled runtime by path", () => {
    for (const { name, code } of sources) expect(code, name).not.toMatch(/["']\.\.\/dist\//);
    const imports = packageImports();
    expect([...imports.keys()].sort()).toEqual([
      "drl-workbench",
      "drl-workbench/notebook",
      "drl-workbench/server",
    ]);
  });

  it("resolve every imported name through the package's own name from CommonJS require", () => {
    const imports = Object.fromEntries(
      [...packageImports()].map(([module, names]) => [module, [...names]]),
    );
    const probe = `
      const { createRequire } = require("node:module");
      const req = createRequire(${JSON.stringify(join(dir, "probe.js"))});
      const imports = ${JSON.stringify(imports)};
      const missing = [];
      for (const [module, names] of Object.entries(imports)) {
        const m = req(module);
        for (const n of names) if (m[n] === undefined) missing.push(module + ": " + n);
      }
      process.stdout.write(JSON.stringify(missing));
    `;
    const out = execFileSync(process.execPath, ["-e", probe], { cwd: dir, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual([]);
  });
});
