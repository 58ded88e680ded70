// Data files as hostile input: a huge file is refused from its size before a
// byte is read (never a V8 out-of-memory abort), a FIFO is refused instead of
// blocking, messages name the file as the spec wrote it (no absolute server
// path) and never repeat its content (a data path may point at a secret that
// is not data), and mixed UTC offsets are no longer accepted silently. The
// same through a real server on loopback: a job's error shows neither.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserError } from "../../runtime/core/errors.js";
import { loadDataset } from "../../runtime/data/load-dataset.js";
import { ModelRegistry } from "../../runtime/registry/index.js";
import { createApp } from "../../server/app.js";
import { createToken } from "../../server/auth/jwt.js";
import { listen } from "../support/http-server.js";
import { testServerConfig } from "../support/server-config.js";
import { userError } from "../support/user-error.js";
import { withDefaults } from "../support/spec-values.js";

const SECRET = "DRLWB_JWT_SECRET=s3cr3t-7f41d0";
const dir = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-data-files-")));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GIB = 1024 ** 3;

/** A CSV with a real header and a sparse tail: `bytes` long, no disk used for the tail. */
function sparseCsv(path: string, bytes: number): void {
  writeFileSync(path, "date,open,high,low,close,volume\n2020-01-02,1,1,1,1,10\n");
  const fd = openSync(path, "r+");
  try {
    ftruncateSync(fd, bytes);
  } finally {
    closeSync(fd);
  }
}

/** Everything a client could be shown of an error. */
const shown = (e: UserError) => `${e.message}\n${JSON.stringify(e.diagnostics)}`;

const load = (section: Record<string, unknown>, options: Record<string, unknown> = {}) =>
  loadDataset(withDefaults("data", { source: "file", symbol: "X", ...section }), {
    baseDir: dir,
    ...options,
  });

describe("size limit", () => {
  beforeAll(() => sparseCsv(join(dir, "huge.csv"), GIB));

  it("a 1 GB sparse CSV is refused from its size, naming the file as given and the limit", async () => {
    const e = await userError(load({ path: "huge.csv" }));
    expect(e.message).toBe(
      "huge.csv: the file is 1.0 GiB, over the limit of 512.0 MiB; the data is not read",
    );
    expect(e.diagnostics[0]).toMatchObject({ file: "huge.csv", path: "/data/path" });
    expect(e.diagnostics[0]!.hint).toMatch(/data\.max_file_bytes/);
    expect(shown(e)).not.toContain(dir);
  });

  it("data.max_file_bytes lowers the limit; the caller's limit caps a higher one", async () => {
    writeFileSync(join(dir, "small.csv"), "date,close\n2020-01-02,1\n2020-01-03,2\n");
    const low = await userError(load({ path: "small.csv", max_file_bytes: 20, closes_only: true }));
    expect(low.message).toBe(
      "small.csv: the file is 37 bytes, over the limit of 20 bytes; the data is not read",
    );
    const capped = await userError(
      load({ path: "small.csv", max_file_bytes: GIB, closes_only: true }, { maxFileBytes: 30 }),
    );
    expect(capped.message).toMatch(/over the limit of 30 bytes/);
    const ok = await load({ path: "small.csv", closes_only: true }, { maxFileBytes: 37 });
    expect(ok.frame.height).toBe(2);
  });
});

describe("what a data file may be", () => {
  const fifo = join(dir, "pipe.csv");
  let haveFifo = true;
  beforeAll(() => {
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      haveFifo = false;
    }
  });

  it("a FIFO is refused at once instead of blocking the run", async (ctx) => {
    if (!haveFifo) ctx.skip("mkfifo is not available here");
    const e = await userError(load({ path: "pipe.csv" }));
    expect(e.message).toBe("pipe.csv: not a regular file (data files must be plain files)");
  });

  it("a missing file is named as the spec wrote it", async () => {
    const e = await userError(load({ path: "nope/missing.csv" }));
    expect(e.message).toBe("nope/missing.csv: no such file");
    expect(shown(e)).not.toContain(dir);
  });
});

describe("errors never repeat a file's content", () => {
  const cases: [string, string, Record<string, unknown>, RegExp][] = [
    [
      "a header without rows",
      `date,close,${SECRET}\n`,
      { closes_only: true },
      /has a header line but no data rows$/,
    ],
    [
      "a missing column (the header is the secret)",
      `${SECRET},other\n1,2\n`,
      {},
      /column "timestamp" \(for timestamp\) is missing; the spec expects the columns timestamp, close, open, high, low, volume$/,
    ],
    [
      "a cell that is not a number",
      `date,close\n2020-01-02,${SECRET}\n`,
      { closes_only: true },
      /:2: column "close" does not hold a number$/,
    ],
    [
      "a cell that is not a date",
      `date,close\n${SECRET},1\n`,
      { closes_only: true },
      /:2: column "date" does not hold a date in format YYYY-MM-DD\[ HH:MM:SS\]$/,
    ],
    [
      "a quoted field never closed",
      `date,close\n2020-01-02,"1\n${SECRET}\n`,
      { closes_only: true },
      /:2: cannot be read as CSV/,
    ],
    [
      "a row with too many fields",
      `date,close\n2020-01-02,1,${SECRET}\n`,
      { closes_only: true },
      /:2: the row has more fields than the header \(2\)$/,
    ],
    [
      "a text file read as Parquet",
      `${SECRET}\n`,
      { format: "parquet" },
      /cannot be read as Parquet \(not a Parquet file, or a damaged one\)$/,
    ],
  ];
  cases.forEach(([what, content, section, expected], i) => {
    it(what, async () => {
      const name = `secret-${i}.csv`;
      writeFileSync(join(dir, name), content);
      const e = await userError(load({ path: name, ...section }));
      expect(e.message).toMatch(new RegExp(`^${name.replace(".", "\\.")}`));
      expect(e.message).toMatch(expected);
      expect(shown(e)).not.toContain("s3cr3t");
    });
  });

  it("a did-you-mean hint only repeats the name the spec gave, up to case", async () => {
    writeFileSync(join(dir, "cased.csv"), `Date,Close,${SECRET}\n2020-01-02,1,2\n`);
    const e = await userError(load({ path: "cased.csv", closes_only: true }));
    expect(e.diagnostics[0]!.hint).toBe('did you mean "Close"? or map it with data.columns.close');
    const far = await userError(
      load({ path: "cased.csv", closes_only: true, columns: { timestamp: "DRLWB_JWT_SECRET" } }),
    );
    expect(shown(far)).not.toContain("s3cr3t");
  });
});

it("mixed +05:00 / Z timestamps are a data-quality error at file:line, not accepted silently", async () => {
  writeFileSync(
    join(dir, "offsets.csv"),
    "date,close\n2020-01-02T10:00:00+05:00,1\n2020-01-03T05:00:00Z,1\n",
  );
  const e = await userError(load({ path: "offsets.csv", closes_only: true }));
  expect(e.message).toMatch(/^offsets\.csv: data quality check failed/);
  expect(e.diagnostics[0]).toMatchObject({ file: "offsets.csv", line: 3 });
});

describe("through a real server", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "drlwb-data-files-srv-")));
  const secret = new TextEncoder().encode("d".repeat(40));
  const savedJwt = process.env.DRLWB_JWT_SECRET;
  let url = "";
  let close = async () => {};
  let headers: Record<string, string> = {};

  beforeAll(async () => {
    process.env.DRLWB_JWT_SECRET = "k".repeat(40);
    const loaded = testServerConfig(root, { http: { rate_limit_per_minute: 1_000_000 } });
    writeFileSync(join(loaded.workspace.data, "leaky.csv"), `${SECRET},x\n1,2\n`);
    sparseCsv(join(loaded.workspace.data, "huge.csv"), GIB);
    const { app } = createApp({
      registry: new ModelRegistry(loaded.workspace.registry),
      secret,
      ...loaded,
      loadPredictor: async () => {
        throw new Error("no models in this test");
      },
    });
    ({ url, close } = await listen(app));
    const token = await createToken(secret, { subject: "r", role: "researcher" });
    headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  }, 120_000);

  afterAll(async () => {
    await close();
    if (savedJwt === undefined) delete process.env.DRLWB_JWT_SECRET;
    else process.env.DRLWB_JWT_SECRET = savedJwt;
    rmSync(root, { recursive: true, force: true });
  });

  async function failedJob(path: string): Promise<string> {
    const spec = {
      name: "probe",
      seed: 1,
      data: { source: "file", path, symbol: "X" },
      segments: {
        train: { start: "2020-01-01", end: "2020-06-30" },
        test: { start: "2020-07-01", end: "2020-12-31" },
      },
      strategy: { type: "sma_crossover", fast: 10, slow: 20 },
      report: { html: false },
    };
    const submitted = await fetch(`${url}/backtests`, {
      method: "POST",
      headers,
      body: JSON.stringify({ spec }),
    });
    const body = await submitted.text();
    expect(submitted.status, body).toBe(202);
    const { jobId } = JSON.parse(body) as { jobId: string };
    for (let i = 0; i < 1200; i++) {
      const res = await fetch(`${url}/jobs/${jobId}`, { headers });
      const text = await res.text();
      const job = JSON.parse(text) as { status: string };
      if (!["queued", "running"].includes(job.status)) {
        expect(job.status, text).toBe("failed");
        return text;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  it("a job reading a file whose header is a secret fails without showing it", async () => {
    const text = await failedJob("../data/leaky.csv");
    expect(text).toMatch(/leaky\.csv: column \\"date\\"|leaky\.csv: column \\"timestamp\\"/);
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain(root);
  });

  it("a job on a 1 GB sparse CSV fails cleanly with the size limit; the server keeps serving", async () => {
    const text = await failedJob("../data/huge.csv");
    expect(text).toMatch(/huge\.csv: the file is 1\.0 GiB, over the limit of/);
    expect(text).not.toContain(root);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});
