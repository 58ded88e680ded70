import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./redis.js";

export interface PostgresInstance {
  /** `postgres://drlwb@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** A new empty database on this server; its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The PostgreSQL server binaries: POSTGRES_BIN, else Debian's newest /usr/lib/postgresql/<v>/bin. */
export function postgresBinDir(): string {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined)
    throw new Error(
      "PostgreSQL server binaries not found (run scripts/setup.sh, or set POSTGRES_BIN)",
    );
  return join(root, newest, "bin");
}

/** PostgreSQL refuses to run as root: as root, run it as `nobody` (setpriv execs, so the pid is the server's). */
function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  return ["setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", command, ...args]];
}

/**
 * Starts a throw-away PostgreSQL cluster: `initdb` in a temp folder (trust
 * authentication for user `drlwb`, fsync off), the server on a free loopback
 * port with its socket in that folder. `stop()` ends that server and removes
 * the folder. Nothing depends on a system-wide service.
 */
export async function startPostgres(): Promise<PostgresInstance> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "drlwb-pg-"));
  const data = join(dir, "data");
  if (process.getuid?.() === 0) {
    // The server user must reach its folder: let others traverse (not list) the temp root.
    const parent = tmpdir();
    if ((statSync(parent).mode & 0o001) === 0) chmodSync(parent, statSync(parent).mode | 0o011);
    chownSync(dir, 65534, 65534);
  }
  const [initCmd, initArgs] = asServerUser(join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    "drlwb",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--no-sync",
  ]);
  execFileSync(initCmd, initArgs, { stdio: "ignore" });
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const [cmd, args] = asServerUser(join(bin, "postgres"), [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "max_connections=200",
    ]);
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    const url = `postgres://drlwb@127.0.0.1:${port}/postgres`;
    if (await waitForServer(url, child)) {
      return {
        url,
        port,
        createDatabase: async (name) => {
          if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`create database ${name}`);
          } finally {
            await client.end();
          }
          return `postgres://drlwb@127.0.0.1:${port}/${name}`;
        },
        stop: async () => {
          await stopChild(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await stopChild(child);
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error("could not start PostgreSQL on a free port");
}

async function waitForServer(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // SIGINT: PostgreSQL's "fast" shutdown (disconnect clients, stop at once).
    child.kill("SIGINT");
  });
}
