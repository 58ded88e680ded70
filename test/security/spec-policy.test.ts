// biome-ignore-all lint/suspicious/noTemplateCurlyInString: specs spell ${env:NAME} and ${secret:NAME} references literally
// The workspace boundary at the spec loader: under the server's policy a spec
// cannot read files outside the workspace (data path, extends — relative,
// absolute, through a symbolic link), cannot open FIFOs or folders, cannot set
// output locations, cannot read environment variables (only granted secrets),
// cannot contact hosts off the allow-list and cannot ask for more training
// than a job may do. Every refusal is a diagnostic at validation time naming
// the key, at file:line:col, with a hint, and no file content or absolute path.
// The CLI's default policy keeps today's behaviour.
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type Diagnostic, formatDiagnostic, UserError } from "../../runtime/core/errors.js";
import { compileSpecFile, runSpec } from "../../runtime/run/run-spec.js";
import { loadSpec } from "../../runtime/spec/index.js";
import { cliSpecPolicy, parseSpecPolicy, type SpecPolicy } from "../../runtime/spec/spec-policy.js";
import { serverSpecPolicy } from "../../server/spec-policy.js";
import { runCli } from "../support/cli.js";
import { testServerConfig } from "../support/server-config.js";

const SECRET = "TOP-SECRET-CONTENT-7f3a";
const root = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-ws-")));
const outside = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-outside-")));
const loaded = testServerConfig(root, {
  specs: { secrets: { BARS: "DRLWB_TEST_BARS_TOKEN" }, allowed_http_hosts: ["bars.example.com"] },
});
const { workspace } = loaded;
const policy = serverSpecPolicy(loaded.config, workspace);

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const CSV = "timestamp,open,high,low,close,volume\n2020-01-02,1,1,1,1,10\n";
writeFileSync(join(outside, "secret.csv"), `timestamp,${SECRET}\n1,2\n`);
writeFileSync(join(outside, "base.yaml"), `description: ${SECRET}\n`);
writeFileSync(join(outside, "not-yaml.txt"), `${SECRET} = [unbalanced\n`);
writeFileSync(join(workspace.data, "prices.csv"), CSV);
symlinkSync(join(outside, "secret.csv"), join(workspace.data, "link.csv"));
symlinkSync(join(outside, "base.yaml"), join(workspace.specs, "link-base.yaml"));
mkdirSync(join(workspace.specs, "folder.yaml"));
writeFileSync(
  join(workspace.specs, "sma.yaml"),
  "kind: strategy\ntype: sma_crossover\nfast: 10\nslow: 20\n",
);

/** An experiment spec in the workspace's specs folder; `extra` is appended YAML. */
function spec(name: string, extra: string, data = "data: { source: bundled, name: goog }"): string {
  const file = join(workspace.specs, `${name}.yaml`);
  writeFileSync(
    file,
    [
      `name: ${name}`,
      "seed: 1",
      data,
      "segments:",
      "  train: { start: 2004-08-19, end: 2008-12-31 }",
      "  test: { start: 2009-01-02, end: 2013-03-01 }",
      extra,
    ].join("\n"),
  );
  return file;
}

const STRATEGY = "strategy: { type: sma_crossover, fast: 10, slow: 20 }";
const SEGMENTS =
  "segments: { train: { start: 2020-01-01, end: 2020-06-30 }, test: { start: 2020-07-01, end: 2020-12-31 } }";

/** The diagnostics a client would see: compileSpecFile's UserError, presented for the policy. */
function refusals(
  file: string,
  p: SpecPolicy = policy,
  environ: Record<string, string> = {},
): Diagnostic[] {
  try {
    compileSpecFile(file, { policy: p, environ });
    return [];
  } catch (error) {
    if (error instanceof UserError) return [...error.diagnostics];
    throw error;
  }
}

/**
 * One error at `path`, placed at line:col, with a hint, naming `key`, and
 * nothing it must not show (the path the spec itself wrote may be quoted back).
 */
function expectRefused(
  diagnostics: readonly Diagnostic[],
  path: string,
  key: string,
  written?: string,
) {
  const all = diagnostics.map((d) => formatDiagnostic(d)).join("\n");
  const text = written === undefined ? all : all.split(written).join("<written>");
  const found = diagnostics.find((d) => d.path === path && d.severity === "error");
  expect(found, text).toBeDefined();
  expect(found!.line, text).toBeGreaterThan(0);
  expect(found!.col, text).toBeGreaterThan(0);
  expect(found!.message).toContain(key);
  expect(found!.hint, text).toBeTruthy();
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(root);
  expect(text).not.toContain(outside);
  return found!;
}

describe("server policy: data files", () => {
  it("refuses a relative data path that climbs out of the workspace", () => {
    const rel = `../../${basename(outside)}/secret.csv`;
    const file = spec("rel", STRATEGY, `data: { source: file, path: "${rel}" }`);
    const d = expectRefused(refusals(file), "/data/path", "data.path");
    expect(d.file).toBe("specs/rel.yaml");
    expect(d.line).toBe(3);
  });

  it("refuses an absolute data path, /proc/self/environ and the registry's secret", () => {
    for (const path of [
      join(outside, "secret.csv"),
      "/proc/self/environ",
      join(workspace.registry, "server-secret"),
      "../registry/server-secret",
    ]) {
      const file = spec("abs", STRATEGY, `data: { source: file, path: "${path}" }`);
      const diagnostics = refusals(file);
      expect(diagnostics.find((d) => d.path === "/data/path")?.message).toMatch(
        /data\.path .* is outside the workspace's data folder/,
      );
      expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
    }
  });

  it("refuses a symbolic link inside data/ that points outside", () => {
    const file = spec("link", STRATEGY, 'data: { source: file, path: "../data/link.csv" }');
    expectRefused(refusals(file), "/data/path", "data.path");
  });

  it("accepts a data file inside data/ (relative to the spec, as everywhere)", () => {
    const file = spec("inside", STRATEGY, 'data: { source: file, path: "../data/prices.csv" }');
    expect(loadSpec(file, { policy, environ: {} }).ok).toBe(true);
  });
});

describe("server policy: extends", () => {
  it("refuses relative, absolute and symlinked targets outside the specs folder", () => {
    for (const target of [
      `../../${basename(outside)}/base.yaml`,
      join(outside, "base.yaml"),
      "link-base.yaml",
      `../${basename(workspace.registry)}/server-secret`,
    ]) {
      const file = spec("ext", `${STRATEGY}\nextends: "${target}"`);
      expectRefused(refusals(file), "/extends", "extends", target);
    }
  });

  it("refuses a folder and names it as one", () => {
    const file = spec("dir", `${STRATEGY}\nextends: folder.yaml`);
    const d = expectRefused(refusals(file), "/extends", "extends");
    expect(d.message).toContain("a folder, not a regular file");
  });

  it("refuses a FIFO without opening it (the loader returns at once)", () => {
    const fifo = join(workspace.specs, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const file = spec("fifo", `${STRATEGY}\nextends: pipe.yaml`);
    // In a child process: a loader that opened the FIFO would block forever, so
    // the child is killed after a generous bound and the test fails instead of hanging.
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        fileURLToPath(new URL("./support/load-spec-child.ts", import.meta.url)),
        file,
        JSON.stringify(policy),
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    expect(child.signal, child.stderr).toBeNull();
    const diagnostics = JSON.parse(child.stdout) as Diagnostic[];
    const found = diagnostics.find((d) => d.path === "/extends");
    expect(found?.message).toContain("a FIFO, not a regular file");
    expect(found?.line).toBeGreaterThan(0);
  });

  it("accepts a spec of the specs folder that extends another one there", () => {
    const file = spec("ok", "extends: sma.yaml");
    expect(refusals(file)).toEqual([]);
  });

  it("refuses to load a spec file that is not inside the specs folder", () => {
    const elsewhere = join(outside, "spec.yaml");
    writeFileSync(elsewhere, `name: x\n${STRATEGY}\n`);
    const diagnostics = refusals(elsewhere);
    expect(diagnostics.map((d) => d.message).join("\n")).toContain(
      "the spec file is outside the workspace's specs folder",
    );
    expect(JSON.stringify(diagnostics)).not.toContain(outside);
  });
});

describe("server policy: output locations, secrets, hosts and limits", () => {
  it("refuses register.registry, agent.training.checkpoint_dir and data.cache.dir", () => {
    const registry = spec(
      "reg",
      `${STRATEGY}\nregister: { model: m, registry: "${join(outside, "registry")}" }`,
    );
    expectRefused(refusals(registry), "/register/registry", "register.registry", outside);
    const agent = spec(
      "ckpt",
      [
        "agent:",
        "  type: ppo",
        "  env: { type: single_asset, symbol: GOOG }",
        "  total_timesteps: 2048",
        `  training: { checkpoint_dir: "${join(outside, "ckpt")}" }`,
      ].join("\n"),
    );
    expectRefused(
      refusals(agent),
      "/agent/training/checkpoint_dir",
      "agent.training.checkpoint_dir",
      outside,
    );
    const cache = spec(
      "cache",
      STRATEGY,
      [
        "data:",
        "  source: yahoo",
        "  symbols: [SPY]",
        "  start: 2020-01-01",
        "  end: 2020-12-31",
        `  cache: { backend: fs, dir: "${outside}" }`,
      ].join("\n"),
    );
    expectRefused(refusals(cache), "/data/cache/dir", "data.cache.dir", outside);
  });

  const httpSource = (header: string, host = "bars.example.com") =>
    [
      "data:",
      "  source: http",
      "  symbols: [BTC]",
      "  start: 2020-01-01",
      "  end: 2020-12-31",
      `  url: "https://${host}/bars/{symbol}"`,
      "  rows: bars",
      "  fields: { timestamp: t, open: o, high: h, low: l, close: c }",
      "  cache: { backend: none }",
      `  headers: { authorization: "${header}" }`,
    ].join("\n");

  it("refuses ${env:…} (the server's own secrets) and names the granted secrets", () => {
    const file = spec("env", STRATEGY, httpSource("Bearer ${env:DRLWB_JWT_SECRET}"));
    const d = expectRefused(
      refusals(file, policy, { DRLWB_JWT_SECRET: "x".repeat(40) }),
      "/data/headers/authorization",
      "${env:…}",
    );
    expect(d.hint).toContain("BARS");
    expect(d.hint).not.toContain("DRLWB_TEST_BARS_TOKEN");
  });

  it("accepts a granted ${secret:NAME}, refuses an unknown one", () => {
    const granted = spec("secret", STRATEGY, httpSource("Bearer ${secret:BARS}"));
    expect(refusals(granted, policy, { DRLWB_TEST_BARS_TOKEN: "t0k3n" })).toEqual([]);
    const result = loadSpec(granted, { policy, environ: { DRLWB_TEST_BARS_TOKEN: "t0k3n" } });
    expect(result.ok && JSON.stringify(result.spec)).not.toContain("t0k3n");
    const unknown = spec("unknown", STRATEGY, httpSource("Bearer ${secret:JWT}"));
    const d = expectRefused(refusals(unknown), "/data/headers/authorization", '"JWT"');
    expect(d.message).toContain("granted: BARS");
  });

  it("refuses a host that is not on the allow-list, and a provider's default endpoint", () => {
    const loopback = spec("host", STRATEGY, httpSource("Bearer ${secret:BARS}", "127.0.0.1:9"));
    const d = expectRefused(
      refusals(loopback, policy, { DRLWB_TEST_BARS_TOKEN: "t" }),
      "/data/url",
      "data.url",
    );
    expect(d.message).toContain('host "127.0.0.1"');
    const yahoo = spec(
      "yahoo",
      STRATEGY,
      "data: { source: yahoo, symbols: [SPY], start: 2020-01-01, end: 2020-12-31 }",
    );
    expectRefused(refusals(yahoo), "/data/source", "data.source");
  });

  it("refuses more training than max_total_timesteps (× evaluation seeds)", () => {
    const file = spec(
      "big",
      [
        "agent:",
        "  type: ppo",
        "  env: { type: single_asset, symbol: GOOG }",
        "  total_timesteps: 1000000000",
      ].join("\n"),
    );
    const d = expectRefused(refusals(file), "/agent/total_timesteps", "200000");
    expect(d.message).toContain("1000000000 timesteps");
    const seeds = spec(
      "seeds",
      [
        "agent:",
        "  type: ppo",
        "  env: { type: single_asset, symbol: GOOG }",
        "  total_timesteps: 150000",
        "  evaluation: { seeds: 2 }",
      ].join("\n"),
    );
    expectRefused(refusals(seeds), "/agent/total_timesteps", "× 2 seeds");
  });

  it("caps data.max_file_bytes at the server's limit", async () => {
    writeFileSync(join(workspace.data, "two-kb.csv"), CSV + "2020-01-03,1,1,1,1,10\n".repeat(100));
    const file = spec(
      "bigfile",
      STRATEGY,
      "data: { source: file, path: ../data/two-kb.csv, max_file_bytes: 1099511627776 }",
    );
    const result = await runSpec(file, {
      policy: { ...policy, maxDataFileBytes: 1024 },
      runsDir: workspace.runs,
    });
    expect(result.status).toBe("failed");
    expect(String((result.error as Error).message)).toContain("over the limit of 1024 bytes");
  });

  it("refuses a run folder (--out) outside the workspace's runs folder", async () => {
    const file = spec("out", STRATEGY);
    await expect(runSpec(file, { policy, runsDir: join(outside, "runs") })).rejects.toThrow(
      "the run folder must be inside the workspace's runs folder",
    );
    expect(existsSync(join(outside, "runs"))).toBe(false);
  });

  it("survives a JSON round trip (a worker process gets the same policy)", () => {
    const copy = parseSpecPolicy(JSON.parse(JSON.stringify(policy)));
    expect(copy).toEqual(policy);
    expect(() => parseSpecPolicy({ ...policy, allowEnv: "yes" })).toThrow(/allowEnv/);
    expect(() => parseSpecPolicy({ ...policy, workspace: { root: "relative" } })).toThrow(
      /workspace/,
    );
  });
});

describe("the CLI's default policy keeps today's behaviour", () => {
  it("is trusted, without a workspace, limits or allow-list", () => {
    expect(cliSpecPolicy()).toEqual({
      mode: "cli",
      workspace: null,
      allowEnv: true,
      secrets: {},
      forbiddenKeys: [],
      allowedHttpHosts: null,
      maxTotalTimesteps: null,
      maxDataFileBytes: null,
    });
  });

  it("accepts what the server refuses: outside paths, output keys, ${env:…}, any host, long training", () => {
    const file = join(outside, "cli.yaml");
    writeFileSync(join(outside, "prices.csv"), CSV);
    writeFileSync(
      file,
      [
        "name: cli",
        "seed: 1",
        `extends: "${join(workspace.specs, "sma.yaml")}"`,
        "data:",
        "  source: http",
        "  symbols: [BTC]",
        "  start: 2020-01-01",
        "  end: 2020-12-31",
        '  url: "http://127.0.0.1:9/bars/{symbol}"',
        "  rows: bars",
        "  fields: { timestamp: t, open: o, high: h, low: l, close: c }",
        `  cache: { backend: fs, dir: "${join(outside, "cache")}" }`,
        '  headers: { authorization: "Bearer ${env:MY_TOKEN}" }',
        "segments:",
        "  train: { start: 2020-01-01, end: 2020-06-30 }",
        "  test: { start: 2020-07-01, end: 2020-12-31 }",
        `register: { model: m, registry: "${join(outside, "registry")}" }`,
      ].join("\n"),
    );
    const environ = { MY_TOKEN: "t" };
    // Absolute `extends` works (it used to say "no such file").
    expect(refusals(file, cliSpecPolicy(), environ)).toEqual([]);
    expect(loadSpec(file, { environ }).ok).toBe(true);
    const data = join(outside, "cli-file.yaml");
    writeFileSync(
      data,
      `name: f\n${STRATEGY}\n${SEGMENTS}\ndata: { source: file, path: "${join(outside, "prices.csv")}" }\n`,
    );
    expect(loadSpec(data, { environ: {} }).ok).toBe(true);
  });

  it("applies an allow-list when given one (library and drlwb validate --allow-host)", async () => {
    const file = join(outside, "cli-host.yaml");
    writeFileSync(
      file,
      [
        "name: h",
        STRATEGY,
        SEGMENTS,
        "data:",
        "  source: http",
        "  symbols: [BTC]",
        "  start: 2020-01-01",
        "  end: 2020-12-31",
        '  url: "http://127.0.0.1:9/bars/{symbol}"',
        "  rows: bars",
        "  fields: { timestamp: t, open: o, high: h, low: l, close: c }",
      ].join("\n"),
    );
    const allowList = cliSpecPolicy({ allowedHttpHosts: ["bars.example.com"] });
    const d = refusals(file, allowList).find((x) => x.path === "/data/url");
    expect(d?.message).toContain('host "127.0.0.1" is not on the allow-list');
    expect(d?.file).toBe(file);
    expect(refusals(file, cliSpecPolicy({ allowedHttpHosts: ["127.0.0.1"] }))).toEqual([]);
    // drlwb validate: free by default, --allow-host applies the list.
    expect((await runCli(["validate", file])).code).toBe(0);
    const limited = await runCli(["validate", file, "--allow-host", "bars.example.com"]);
    expect(limited.code).toBe(2);
    expect(limited.stderr).toContain('host "127.0.0.1" is not on the allow-list');
  });

  it("never prints the content of a file reached through extends", () => {
    const file = join(outside, "ext-txt.yaml");
    writeFileSync(file, `name: t\n${STRATEGY}\nextends: ./not-yaml.txt\n`);
    const diagnostics = loadSpec(file, { environ: {} }).diagnostics;
    expect(diagnostics.map((d) => d.message).join("\n")).toContain("is not a spec");
    expect(JSON.stringify(diagnostics)).not.toContain(SECRET);
  });
});
