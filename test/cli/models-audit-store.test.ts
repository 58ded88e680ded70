/**
 * `drlwb models alias|delete` write their audit line to the registry's log
 * file AND to the tracking store's `audit` table (SQLite and PostgreSQL);
 * a store that cannot be opened costs the row, with a warning, never the change.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { listAudit } from "../../runtime/store/audit.js";
import { openStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { runCli } from "../support/cli.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-cli-audit-store-"));
const registryDir = join(root, "registry");
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
  const registry = new ModelRegistry(registryDir);
  for (const content of ["one", "two", "three"]) {
    const dir = join(root, `artifact-${content}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "weights.txt"), content);
    registry.registerModel({ name: "audited", sourceDir: dir, metrics: {} });
  }
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

const user = (() => {
  try {
    return userInfo().username;
  } catch {
    return `uid:${process.getuid?.() ?? "unknown"}`;
  }
})();

describe("CLI registry changes in the store's audit table", () => {
  it.each([
    ["sqlite", async () => `sqlite:${join(root, "audit.db")}`],
    ["postgres", () => postgres.createDatabase("cli_audit")],
  ] as const)(
    "on %s: an alias change and a refused delete are rows; the log file keeps its lines",
    async (_e, makeUrl) => {
      const url = await makeUrl();
      const before = readLines().length;
      const alias = await runCli([
        "models",
        "alias",
        "audited",
        "champion",
        "2",
        "--registry",
        registryDir,
        "--store",
        url,
      ]);
      expect(alias.code).toBe(0);
      expect(alias.stderr).toBe("");
      const refused = await runCli([
        "models",
        "delete",
        "audited",
        "9",
        "--registry",
        registryDir,
        "--store",
        url,
      ]);
      expect(refused.code).toBe(2);
      expect(readLines().length).toBe(before + 2);
      const store = await openStore({
        config: resolveStoreConfig({ url }),
        baseDir: root,
        env: {},
      });
      const rows = await listAudit(store);
      await store.close();
      expect(rows.map((r) => [r.actor, r.action, r.target, r.outcome])).toEqual([
        [`cli:${user}`, "models.delete", "audited@9", "denied"],
        [`cli:${user}`, "models.alias", "audited", "ok"],
      ]);
      expect(JSON.parse(rows[1]!.detail)).toEqual({
        via: "cli",
        method: "POST",
        path: "/models/audited/aliases",
        exitCode: 0,
      });
    },
  );

  it("a store that cannot be opened: the change is made and logged to the file, with a warning", async () => {
    const bad = join(root, "not-a-db.db");
    writeFileSync(bad, "these are notes, not a database\n".repeat(10));
    const result = await runCli([
      "models",
      "alias",
      "audited",
      "challenger",
      "1",
      "--registry",
      registryDir,
      "--store",
      `sqlite:${bad}`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: the change is in the audit log file but not in the tracking store/,
    );
    expect(new ModelRegistry(registryDir).getModel("audited").aliases.challenger).toBe(1);
    expect(readLines().at(-1)).toMatchObject({
      via: "cli",
      path: "/models/audited/aliases",
      outcome: "ok",
    });
  });
});

function readLines(): Record<string, unknown>[] {
  if (!existsSync(join(registryDir, "audit.log"))) return [];
  return readFileSync(join(registryDir, "audit.log"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
