/**
 * What a user hits at the edges of the `drlwb` process (issue 15), with the
 * CLI as a real child process where the edge is the process itself:
 * - `drlwb` with no command (or a group without its subcommand) prints the
 *   help on stderr and exits 2; `--help` and `drlwb help` still exit 0;
 * - `drlwb runs list | head`: the reader closes the pipe early and the command
 *   exits 0 with nothing on stderr (it died on an unhandled EPIPE);
 * - `drlwb serve` on a port in use exits non-zero at once with a message
 *   naming the address and what to do (it claimed to listen and exited 0).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cliMessages } from "../../runtime/messages/cli.js";
import { runCli } from "../support/cli.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(repo, "test", "support", "drlwb-source.ts");
const root = mkdtempSync(join(tmpdir(), "drlwb-process-edges-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stack trace line (`    at fn (file:1:2)`) or Node's unhandled-error banner. */
const STACK = /^\s+at .+\(?.+:\d+:\d+\)?$|Unhandled 'error' event|node:internal/m;

describe("drlwb without a command", () => {
  it("prints the help on stderr and exits 2", async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage: drlwb");
    expect(bare.stderr).toContain("validate");
    const group = await runCli(["runs"]);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("Usage: drlwb runs");
  });

  it("still exits 0 when help is asked for", async () => {
    for (const args of [["--help"], ["help"], ["runs", "--help"]]) {
      const asked = await runCli(args);
      expect(asked.code, args.join(" ")).toBe(0);
      expect(asked.stdout, args.join(" ")).toContain("Usage: drlwb");
    }
  });
});

describe("drlwb runs list | head", () => {
  it("exits 0 with no stack trace when the reader closes the pipe early", async () => {
    // Corrupt run folders are listed with their problem: a few hundred KiB of output,
    // far more than a pipe holds, so writes continue after the reader has gone.
    const runs = join(root, "runs");
    for (let i = 0; i < 1500; i++) {
      const dir = join(runs, `20240101-000000-run-${String(i).padStart(4, "0")}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "run.json"), "{");
    }
    const child = spawn(
      process.execPath,
      ["--import", "tsx", cli, "runs", "list", "--folders", "--dir", runs],
      {
        cwd: repo,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    let firstLine = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    // Like `head -1`: read the first chunk, then close the read end.
    child.stdout.once("data", (d) => {
      firstLine = String(d).split("\n")[0] ?? "";
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(firstLine).toContain("corrupt");
    expect(stderr).not.toMatch(STACK);
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);
  }, 60_000);
});

describe("drlwb serve on a port in use", () => {
  it("exits non-zero at once with a message naming the address", async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const address = taken.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const workspace = join(root, "ws");
      mkdirSync(workspace, { recursive: true });
      const child = spawn(
        process.execPath,
        ["--import", "tsx", cli, "serve", "--port", String(port), "--workspace", workspace],
        { cwd: repo, stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => {
        stdout += String(d);
      });
      child.stderr.on("data", (d) => {
        stderr += String(d);
      });
      // Generous bound: a server that did start would run until killed.
      const killer = setTimeout(() => child.kill("SIGKILL"), 45_000);
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      clearTimeout(killer);
      expect(stderr.trim()).toBe(cliMessages.portInUse("127.0.0.1", port));
      expect(stderr).not.toMatch(STACK);
      expect(stdout).toBe("");
      expect(code).toBe(1);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 60_000);
});
