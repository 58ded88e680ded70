/**
 * docs/store.md's table reference lists exactly the tables and columns of a
 * store migrated to the latest migration, on both engines: a migration that
 * adds a table or column without documenting it (or a documented column that
 * no longer exists) fails here.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../runtime/core/project-paths.js";
import { openStore, type TrackingStore } from "../../runtime/store/open-store.js";
import { resolveStoreConfig } from "../../runtime/store/store-config.js";
import { type PostgresInstance, startPostgres } from "../support/postgres.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-store-doc-"));
let postgres: PostgresInstance;

beforeAll(async () => {
  postgres = await startPostgres();
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** Table → columns, from the `## Table reference` section: `### \`table\`` headings, rows starting `| \`column\` |`. */
function documentedTables(markdown: string): Map<string, string[]> {
  const start = markdown.indexOf("\n## Table reference\n");
  expect(start, "docs/store.md has a ## Table reference section").toBeGreaterThan(-1);
  const rest = markdown.slice(start + 1);
  const next = rest.indexOf("\n## ", 1);
  const section = next === -1 ? rest : rest.slice(0, next);
  const tables = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of section.split("\n")) {
    const heading = /^### `([a-z_0-9]+)`\s*$/.exec(line);
    if (heading?.[1] !== undefined) {
      expect(tables.has(heading[1]), `${heading[1]} documented once`).toBe(false);
      current = [];
      tables.set(heading[1], current);
      continue;
    }
    const row = /^\| `([a-z_0-9]+)` \|/.exec(line);
    if (row?.[1] !== undefined && current !== undefined) current.push(row[1]);
  }
  return tables;
}

/** Table → columns of the real database (PostgreSQL's monthly partitions are part of their table). */
async function databaseTables(store: TrackingStore): Promise<Map<string, string[]>> {
  const partitions =
    store.dialect === "postgres"
      ? new Set(
          (
            await sql<{
              name: string;
            }>`select relname as name from pg_class where relispartition`.execute(store.db)
          ).rows.map((r) => r.name),
        )
      : new Set<string>();
  const tables = await store.db.introspection.getTables();
  return new Map(
    tables
      .filter((t) => !partitions.has(t.name))
      .map((t) => [t.name, t.columns.map((c) => c.name)]),
  );
}

const engines = [
  ["SQLite", async () => "sqlite:doc.db"],
  ["PostgreSQL", async () => postgres.createDatabase("doc")],
] as const;

describe.each(engines)("docs/store.md's table reference on %s", (_engine, makeUrl) => {
  it("names every table and every column of the migrated database, and nothing else", async () => {
    const store = await openStore({
      config: resolveStoreConfig({ url: await makeUrl() }),
      baseDir: root,
      env: {},
    });
    let actual: Map<string, string[]>;
    try {
      actual = await databaseTables(store);
    } finally {
      await store.close();
    }
    const documented = documentedTables(
      readFileSync(join(projectRoot(), "docs", "store.md"), "utf8"),
    );
    expect([...documented.keys()].sort()).toEqual([...actual.keys()].sort());
    for (const [table, columns] of actual)
      expect(documented.get(table)?.slice().sort(), `columns of ${table}`).toEqual(
        columns.slice().sort(),
      );
  });
});
