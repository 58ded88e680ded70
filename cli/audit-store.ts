/**
 * The CLI's audit lines in the tracking store: `drlwb models alias|delete`
 * write their line to `<registry>/audit.log` (the file stays) and the same
 * facts to the store's `audit` table — the store `--store` names, else
 * `DRLWB_STORE`, else sqlite:drlwb.db in the current folder. A store that
 * cannot be opened or written costs the row, with a warning; never the change.
 */
import { messages } from "../runtime/messages/index.js";
import type { AuditLine } from "../runtime/registry/audit-log.js";
import { StoreAuditMirror } from "../runtime/store/audit.js";
import { safeErrorText } from "../runtime/store/safe-error.js";
import type { CliIO } from "./io.js";
import { openCliStore } from "./store-option.js";

export interface CliAuditStore {
  /** `--store`, when given. */
  readonly store?: string;
  readonly io: CliIO;
}

/** Writes `line` to the store's audit table; warns on stderr when it cannot. */
export async function storeAuditLine(line: AuditLine, target: CliAuditStore): Promise<void> {
  let problem: string | undefined;
  try {
    const store = await openCliStore(target.store);
    try {
      const mirror = new StoreAuditMirror(store);
      mirror.record(line);
      await mirror.settle();
      if (mirror.lastError !== null) problem = mirror.lastError;
    } finally {
      await store.close();
    }
  } catch (error) {
    problem = safeErrorText(error);
  }
  if (problem !== undefined) target.io.stderr.write(`${messages.store.auditNotStored(problem)}\n`);
}
