import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { UserError } from "../../runtime/core/errors.js";
import { projectRoot } from "../../runtime/core/project-paths.js";
import { loadServerConfig, validateServerConfig } from "../../server/config/load-config.js";

const root = mkdtempSync(join(tmpdir(), "drlwb-config-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function problemsOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError)
      return error.diagnostics.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  return [];
}

describe("server configuration", () => {
  it("fills every default from the schema when there is no file", () => {
    const { config, workspace } = loadServerConfig(undefined, {}, root);
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(8080);
    expect(config.http.body_limit_bytes).toBe(1048576);
    expect(workspace.root).toBe(realpathSync(root));
    expect(workspace.runs).toBe(join(realpathSync(root), "runs"));
  });

  it("reads a YAML file, resolves the workspace against the file's folder, and lets flags override", () => {
    const file = join(root, "server.yaml");
    writeFileSync(file, "port: 9000\nworkspace: { root: ws, registry: reg }\n");
    const { config, workspace } = loadServerConfig(file, { port: 0 });
    expect(config.port).toBe(0);
    expect(workspace.registry).toBe(join(realpathSync(root), "ws", "reg"));
    expect(workspace.data).toBe(join(realpathSync(root), "ws", "data"));
  });

  it("names every problem by its key and stops", () => {
    const file = join(root, "bad.yaml");
    writeFileSync(file, "port: -1\nhttp: { body_limt_bytes: 10 }\n");
    const problems = problemsOf(() => loadServerConfig(file));
    expect(problems.map((p) => p.path).sort()).toEqual(["/http/body_limt_bytes", "/port"]);
  });

  it("refuses non-finite and unknown values before anything starts", () => {
    expect(problemsOf(() => validateServerConfig({ port: Number.POSITIVE_INFINITY }))).not.toEqual(
      [],
    );
    expect(problemsOf(() => validateServerConfig({ nope: 1 }))).toEqual([
      { path: "/nope", message: "is not a known field" },
    ]);
  });

  it("the example in docs/security.md is a valid configuration", () => {
    const doc = readFileSync(join(projectRoot(), "docs", "security.md"), "utf8");
    const block = /```yaml\n(# server\.yaml[\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    expect(problemsOf(() => validateServerConfig(parse(block ?? "")))).toEqual([]);
  });
});
