import { sql } from "kysely";
import type { ServerStore } from "./store.js";

/** How long `/ready` waits for the tracking store to answer. */
const PING_TIMEOUT_MS = 1000;

export type StoreState = "ok" | "unavailable";

/**
 * Whether the server's tracking store answers a trivial query within a
 * second (opening it first if it is not open yet). Never rejects.
 */
export async function storeState(store: ServerStore): Promise<StoreState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StoreState>((resolve) => {
    timer = setTimeout(() => resolve("unavailable"), PING_TIMEOUT_MS);
    timer.unref();
  });
  const ping = store
    .get()
    .then((open) => sql`select 1`.execute(open.db))
    .then(
      (): StoreState => "ok",
      (): StoreState => "unavailable",
    );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
