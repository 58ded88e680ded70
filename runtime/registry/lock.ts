import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

/**
 * A cross-process mutex on a folder, for read-modify-write of the registry.
 *
 * The lock is a directory (`mkdir` is atomic) holding an `owner` file with
 * the holder's pid and a random token. A lock whose holder process is gone
 * (killed, even with SIGKILL) is stale and is taken over; the takeover itself
 * is serialized by a second short-lived directory so two waiters never both
 * remove a lock. Synchronous, so notebooks and the CLI can use it plainly.
 */
export interface LockOptions {
  /** Give up after this long (ms). */
  readonly timeoutMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(path: string, ownerPid: number | undefined) {
    super(
      `timed out waiting for the registry lock ${path}${ownerPid ? ` held by pid ${ownerPid}` : ""}`,
    );
    this.name = "LockTimeoutError";
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockDir: string): { pid: number; token: string } | undefined {
  try {
    const [pid, token] = readFileSync(join(lockDir, "owner"), "utf8").split(" ");
    return { pid: Number(pid), token: token ?? "" };
  } catch {
    return undefined;
  }
}

function tryMkdir(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Removes `lockDir` if its owner (as read now) is dead; serialized by `<lockDir>.steal`. */
function breakIfStale(lockDir: string): void {
  const stealDir = `${lockDir}.steal`;
  if (!tryMkdir(stealDir)) {
    // A takeover is in progress; a takeover dir older than 5 s belongs to a dead process.
    try {
      if (Date.now() - statSync(stealDir).mtimeMs > 5000)
        rmSync(stealDir, { recursive: true, force: true });
    } catch {
      /* gone meanwhile */
    }
    return;
  }
  try {
    const owner = readOwner(lockDir);
    if (owner === undefined) {
      // Owner file missing: either being created right now or left by a crash between mkdir and write.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 2000)
          rmSync(lockDir, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
    } else if (!alive(owner.pid)) {
      rmSync(lockDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(stealDir, { recursive: true, force: true });
  }
}

/**
 * Whether a live process holds the lock at `lockDir` (a lock whose holder is
 * gone counts as free: `withLock` takes it over). Lets an async caller wait for
 * the lock without blocking its event loop, then take it with `withLock`.
 */
export function lockHeld(lockDir: string): boolean {
  try {
    statSync(lockDir);
  } catch {
    return false;
  }
  const owner = readOwner(lockDir);
  return owner === undefined || alive(owner.pid);
}

/** Runs `fn` while holding the lock at `lockDir`; always releases it. */
export function withLock<T>(lockDir: string, fn: () => T, options: LockOptions = {}): T {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const token = randomBytes(8).toString("hex");
  let wait = 1;
  for (;;) {
    if (tryMkdir(lockDir)) {
      writeFileSync(join(lockDir, "owner"), `${process.pid} ${token}`);
      break;
    }
    breakIfStale(lockDir);
    if (Date.now() > deadline) throw new LockTimeoutError(lockDir, readOwner(lockDir)?.pid);
    sleepSync(wait + Math.floor(Math.random() * wait));
    wait = Math.min(wait * 2, 50);
  }
  try {
    return fn();
  } finally {
    const owner = readOwner(lockDir);
    if (owner?.token === token) rmSync(lockDir, { recursive: true, force: true });
  }
}
