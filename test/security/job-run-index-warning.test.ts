/**
 * A backtest job whose tracking store cannot be written warns in its run log,
 * which clients can read: the warning must not carry the store's URL (user,
 * host, port, database) or the driver's message.
 */
import { describe, expect, it } from "vitest";
import { redactedRunIndex } from "../../server/jobs/job-store.js";
import type { RunRecord } from "../../runtime/run/run-record.js";

describe("a job's runs-index failure", () => {
  it("says only the driver's code, never the store's location", async () => {
    const leaky = {
      write: async (_dir: string, _record: RunRecord): Promise<void> => {
        const error = new Error(
          "cannot reach the store postgres://alice:***@db.internal.example:5432/research: connect ECONNREFUSED 10.1.2.3:5432",
        );
        Object.assign(error, { code: "ECONNREFUSED" });
        throw error;
      },
      close: async () => {},
    };
    const writer = redactedRunIndex(leaky);
    const failure = await writer.write("/srv/runs/x", {} as RunRecord).catch((e: unknown) => e);
    const message = failure instanceof Error ? failure.message : String(failure);
    expect(message).toContain("ECONNREFUSED");
    for (const secret of ["alice", "db.internal", "5432", "research", "10.1.2.3", "/srv"])
      expect(message).not.toContain(secret);
    await expect(writer.close()).resolves.toBeUndefined();
  });
});
