/**
 * Fault suite: the server on SIGTERM. Before the fix `drlwb serve` closed every
 * connection at once (in-flight requests were cut) and left a running job's
 * work running; with jobs on its own event loop a runaway job made it deaf to
 * the signal. Now it drains: stops accepting, lets in-flight requests finish,
 * stops job workers (their runs are marked interrupted) and exits 0; a second
 * signal exits at once (143).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { drainServer } from "../../cli/serve.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { testServerConfig } from "../support/server-config.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(repo, "test", "support", "drlwb-source.ts");
const fixtures = join(repo, "test", "fixtures", "specs", "jobs");
const SECRET = "d".repeat(40);
const roots: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

interface Serving {
  readonly child: ChildProcess;
  readonly url: string;
  readonly root: string;
  stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `drlwb serve` from source as a real process, on a free port of a fresh workspace. */
async function startServe(): Promise<Serving> {
  const root = mkdtempSync(join(tmpdir(), "drlwb-drain-"));
  roots.push(root);
  cpSync(fixtures, join(root, "specs"), { recursive: true });
  writeFileSync(
    join(root, "server.yaml"),
    [
      "port: 0",
      "http: { shutdown_timeout_ms: 5000 }",
      "specs: { max_total_timesteps: 2000000000 }",
      "jobs: { kill_grace_ms: 5000, worker_priority: 0 }",
    ].join("\n"),
  );
  const child = spawn(
    process.execPath,
    ["--import", "tsx", cli, "serve", "--config", join(root, "server.yaml")],
    {
      cwd: repo,
      env: { ...process.env, DRLWB_JWT_SECRET: SECRET },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  children.push(child);
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk: string) => {
      stderr += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(stderr);
      if (found?.[1]) resolve(found[1]);
    });
    void exited.then(() => reject(new Error(`serve exited: ${stderr}`)));
  });
  return { child, url, root, stderr: () => stderr, exited };
}

async function bearer(role: "researcher" | "viewer"): Promise<string> {
  const token = await createToken(new TextEncoder().encode(SECRET), { subject: role, role });
  return `Bearer ${token}`;
}

/** Submits the runaway fixture and resolves with its run id once its worker is training. */
async function runawayJob(s: Serving): Promise<{ jobId: string; runId: string }> {
  const authorization = await bearer("researcher");
  const res = await fetch(`${s.url}/backtests`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify({ specFile: "runaway-agent.yaml" }),
  });
  expect(res.status).toBe(202);
  const { jobId } = (await res.json()) as { jobId: string };
  const end = Date.now() + 90_000;
  for (;;) {
    const job = (await (
      await fetch(`${s.url}/jobs/${jobId}`, { headers: { authorization } })
    ).json()) as { status: string; runId?: string };
    if (job.runId !== undefined) return { jobId, runId: job.runId };
    if (job.status !== "running" && job.status !== "queued") throw new Error(job.status);
    if (Date.now() > end) throw new Error("the job never started its run");
    await new Promise((r) => setTimeout(r, 100));
  }
}

function runStatus(root: string, runId: string): { status: string; pid?: number } {
  return JSON.parse(readFileSync(join(root, "runs", runId, "run.json"), "utf8")) as {
    status: string;
    pid?: number;
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("drlwb serve drains on SIGTERM", () => {
  it("finishes an in-flight request, refuses new connections, stops the job's worker, exits 0", async () => {
    const s = await startServe();
    const { runId } = await runawayJob(s);
    const workerPid = runStatus(s.root, runId).pid;
    expect(workerPid).toBeDefined();

    // An in-flight request: headers and half the body sent before the signal.
    const body = JSON.stringify({ observation: [0.01, -0.02, 0.03, 0.01] });
    const port = new URL(s.url).port;
    const inFlight = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/models/none/predict",
      headers: {
        authorization: await bearer("viewer"),
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      },
    });
    const answered = new Promise<number>((resolve, reject) => {
      inFlight.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      inFlight.on("error", reject);
    });
    inFlight.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));

    s.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await expect(fetch(`${s.url}/health`)).rejects.toThrow();
    inFlight.end(body.slice(10));
    // The request was served (an unknown model: 404), not cut.
    expect(await answered).toBe(404);

    const { code } = await s.exited;
    expect(code).toBe(0);
    expect(s.stderr()).toMatch(/SIGTERM: draining/);
    expect(s.stderr()).toMatch(/drlwb server stopped/);
    expect(runStatus(s.root, runId).status).toBe("interrupted");
    expect(alive(workerPid ?? 0)).toBe(false);
  }, 150_000);

  it("exits at once on a second signal; the orphaned worker still stops its run", async () => {
    const s = await startServe();
    const { runId } = await runawayJob(s);
    s.child.kill("SIGTERM");
    // Two signals sent back to back may arrive as one: the second goes once the drain began.
    while (!/draining/.test(s.stderr())) await new Promise((r) => setTimeout(r, 20));
    s.child.kill("SIGTERM");
    const { code } = await s.exited;
    expect(code).toBe(143);
    // The worker saw its channel close and stopped at a safe point.
    const end = Date.now() + 30_000;
    while (runStatus(s.root, runId).status === "running" && Date.now() < end)
      await new Promise((r) => setTimeout(r, 100));
    expect(runStatus(s.root, runId).status).toBe("interrupted");
  }, 150_000);

  it("drainServer: stops accepting and resolves with no job running", async () => {
    const root = mkdtempSync(join(tmpdir(), "drlwb-drain-fn-"));
    roots.push(root);
    const loaded = testServerConfig(root);
    const { app, jobs } = createApp({
      registry: new ModelRegistry(loaded.workspace.registry),
      secret: new TextEncoder().encode(SECRET),
      ...loaded,
      loadPredictor: async () => {
        throw new Error("no models in this test");
      },
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    // A keep-alive connection left idle does not hold the drain.
    expect((await fetch(`${url}/health`)).status).toBe(200);
    await drainServer({ server, jobs }, 5000);
    expect(server.listening).toBe(false);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
