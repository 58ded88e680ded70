/**
 * The job pool (server/jobs/): real worker processes running real specs
 * (test/fixtures/specs/jobs/) — order, queue caps, cancel, limits, drain and
 * the clean-up of submitted spec files — plus its pure helpers.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { LoadedServerConfig } from "../../server/config/load-config.js";
import { hideAbsolutePaths, presentJobError } from "../../server/jobs/job-errors.js";
import { JobPool } from "../../server/jobs/job-pool.js";
import type { Job } from "../../server/jobs/job.js";
import { removeStaleSubmissions } from "../../server/jobs/stale-submissions.js";
import { workerEnvironment } from "../../server/jobs/worker-env.js";
import { workerLaunch } from "../../server/jobs/worker-launch.js";
import { serverSpecPolicy } from "../../server/spec-policy.js";
import { testServerConfig } from "../support/server-config.js";

const fixtures = new URL("../fixtures/specs/jobs/", import.meta.url).pathname;
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function setup(jobs: Record<string, unknown>): {
  pool: JobPool;
  loaded: LoadedServerConfig;
  submit: (spec: string, user?: string, cleanup?: string[]) => ReturnType<JobPool["submit"]>;
} {
  const root = mkdtempSync(join(tmpdir(), "drlwb-jobpool-"));
  roots.push(root);
  // Priority 0: on a busy test machine a niced worker would mostly wait.
  const loaded = testServerConfig(root, {
    jobs: { worker_priority: 0, ...jobs },
    specs: { max_total_timesteps: 2_000_000_000 },
  });
  cpSync(fixtures, loaded.workspace.specs, { recursive: true });
  const policy = serverSpecPolicy(loaded.config, loaded.workspace);
  const pool = new JobPool({
    limits: loaded.config.jobs,
    env: () => workerEnvironment(process.env, []),
    presentError: (text) => presentJobError(text, policy, loaded.config.jobs.max_error_chars),
  });
  const submit = (spec: string, user = "alice", cleanup: string[] = []) =>
    pool.submit({
      kind: "backtest",
      submittedBy: user,
      task: {
        file: join(loaded.workspace.specs, spec),
        options: { runsDir: loaded.workspace.runs, policy },
      },
      cleanup,
    });
  return { pool, loaded, submit };
}

function accepted(outcome: ReturnType<JobPool["submit"]>): Job {
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return outcome.job;
}

async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("job pool", () => {
  it("runs jobs one at a time in submission order; an invalid spec reports its diagnostics; clean-up files go", async () => {
    const { pool, loaded, submit } = setup({ workers: 1 });
    const scratch = join(loaded.workspace.specs, ".submitted-scratch.yaml");
    writeFileSync(scratch, "x: 1\n");
    const first = accepted(submit("runaway-agent.yaml", "alice", [scratch]));
    const second = accepted(submit("invalid.yaml", "bob"));
    expect(first.status).toBe("running");
    expect(second.status).toBe("queued");
    pool.cancel(first.id, "alice");
    await pool.idle();
    expect(first.status).toBe("cancelled");
    expect(existsSync(scratch)).toBe(false);
    expect(second.status).toBe("failed");
    // path + line:col + message, the file relative to the workspace
    expect(second.error).toMatch(/specs\/invalid\.yaml:6:1\s+\/backtset\s+unknown key/);
    expect(second.error).not.toContain(loaded.workspace.root);
    expect(Date.parse(second.startedAt ?? "")).toBeGreaterThanOrEqual(
      Date.parse(first.finishedAt ?? ""),
    );
  }, 120_000);

  it("caps unfinished jobs per user and queued jobs overall; cancels queued and running jobs", async () => {
    const { pool, loaded, submit } = setup({
      workers: 1,
      max_queued_per_user: 2,
      max_queued: 2,
      kill_grace_ms: 2000,
    });
    const file = (name: string): string => {
      const path = join(loaded.workspace.specs, `.submitted-${name}.yaml`);
      writeFileSync(path, "x: 1\n");
      return path;
    };
    const running = accepted(submit("runaway-agent.yaml", "alice"));
    const queuedFile = file("queued");
    const queued = accepted(submit("quick-strategy.yaml", "alice", [queuedFile]));
    const refusedFile = file("refused");
    const overUser = submit("quick-strategy.yaml", "alice", [refusedFile]);
    expect(overUser).toMatchObject({ ok: false, reason: "user_limit" });
    expect(existsSync(refusedFile)).toBe(false);
    const other = accepted(submit("quick-strategy.yaml", "bob"));
    expect(submit("quick-strategy.yaml", "carol")).toMatchObject({
      ok: false,
      reason: "queue_full",
    });
    expect(running.status).toBe("running");
    expect([queued.status, other.status]).toEqual(["queued", "queued"]);

    expect(pool.cancel(queued.id, "alice")?.status).toBe("cancelled");
    expect(existsSync(queuedFile)).toBe(false);
    expect(pool.cancel(other.id, "admin")).toMatchObject({
      status: "cancelled",
      cancelledBy: "admin",
    });
    expect(pool.cancel("no-such-job", "alice")).toBeUndefined();
    pool.cancel(running.id, "alice");
    await pool.idle();
    expect(running).toMatchObject({ status: "cancelled", cancelledBy: "alice" });
    expect(running.stopping).toBeUndefined();
  }, 120_000);

  it("stops a runaway job at the wall-time limit", async () => {
    const { pool, submit } = setup({ max_wall_seconds: 2, kill_grace_ms: 1000 });
    const job = accepted(submit("runaway-agent.yaml"));
    await pool.idle();
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/longer than 2 s/);
  }, 60_000);

  it("stops a job whose run folder passes the output limit", async () => {
    const { pool, submit } = setup({ max_output_mb: 0.0001, kill_grace_ms: 1000 });
    const job = accepted(submit("runaway-agent.yaml"));
    await pool.idle();
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/grew past 0\.0001 MiB/);
    expect(job.runId).toBeDefined();
  }, 120_000);

  it("drains: queued and running jobs end interrupted, no job is accepted afterwards", async () => {
    const { pool, submit } = setup({ workers: 1, kill_grace_ms: 2000 });
    const running = accepted(submit("runaway-agent.yaml"));
    const queued = accepted(submit("quick-strategy.yaml"));
    await until(() => running.runId !== undefined);
    await pool.drain();
    expect(running.status).toBe("interrupted");
    expect(queued.status).toBe("interrupted");
    expect(submit("quick-strategy.yaml")).toMatchObject({ ok: false, reason: "closed" });
  }, 120_000);

  it("keeps only the newest finished jobs", async () => {
    const { pool, submit } = setup({ keep_finished: 1, workers: 1 });
    const a = accepted(submit("runaway-agent.yaml"));
    const b = accepted(submit("quick-strategy.yaml"));
    const c = accepted(submit("quick-strategy.yaml"));
    pool.cancel(b.id, "alice");
    pool.cancel(c.id, "alice");
    expect(pool.get(b.id)).toBeUndefined();
    expect(pool.get(c.id)).toBe(c);
    pool.cancel(a.id, "alice");
    await pool.idle();
    expect(pool.get(a.id)).toBe(a);
    expect(pool.get(c.id)).toBeUndefined();
  }, 60_000);
});

describe("job helpers", () => {
  it("removes stale submitted spec files only", () => {
    const dir = mkdtempSync(join(tmpdir(), "drlwb-stale-"));
    roots.push(dir);
    writeFileSync(join(dir, ".submitted-old.yaml"), "x: 1\n");
    writeFileSync(join(dir, "mine.yaml"), "x: 1\n");
    expect(removeStaleSubmissions(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(["mine.yaml"]);
  });

  it("shows job errors without absolute paths, JSON pointers kept, length bounded", () => {
    const root = mkdtempSync(join(tmpdir(), "drlwb-joberr-"));
    roots.push(root);
    const loaded = testServerConfig(root);
    const policy = serverSpecPolicy(loaded.config, loaded.workspace);
    const text = `${loaded.workspace.specs}/a.yaml:3:1  /data/path  cannot read /etc/passwd or '/proc/self/environ'`;
    const shown = presentJobError(text, policy, 4000);
    expect(shown).toBe("specs/a.yaml:3:1  /data/path  cannot read <path> or '<path>'");
    expect(hideAbsolutePaths("/backtset unknown")).toBe("/backtset unknown");
    const long = presentJobError("x".repeat(10_000), policy, 300);
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long).toMatch(/more characters\)$/);
  });

  it("gives workers a minimal environment: never the signing secret", () => {
    const env = workerEnvironment(
      { PATH: "/bin", DRLWB_JWT_SECRET: "s", GRANTED: "g", OTHER: "o", LC_ALL: "C" },
      ["GRANTED", "DRLWB_JWT_SECRET"],
    );
    expect(env).toEqual({ PATH: "/bin", GRANTED: "g", LC_ALL: "C" });
  });

  it("keeps the worker's data cache in the workspace whatever the server's environment says", () => {
    const env = workerEnvironment({ XDG_CACHE_HOME: "/home/op/.cache" }, ["XDG_CACHE_HOME"], {
      XDG_CACHE_HOME: "/ws/.cache",
    });
    expect(env.XDG_CACHE_HOME).toBe("/ws/.cache");
  });

  it("starts workers with the heap limit, from source under tsx", () => {
    const launch = workerLaunch(256);
    expect(launch.execArgv).toContain("--max-old-space-size=256");
    expect(launch.module).toMatch(/server\/jobs\/worker-main\.ts$/);
    expect(existsSync(launch.module)).toBe(true);
  });
});
