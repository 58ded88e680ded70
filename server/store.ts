import { openStore, type TrackingStore } from "../runtime/store/open-store.js";
import { storeUrl } from "../runtime/store/store-location.js";
import type { StoreSpec } from "../runtime/spec/types.generated.js";
import type { ServerConfig, WorkspaceDirs } from "./config/load-config.js";

/**
 * The server's one tracking store (the configuration's `store` section,
 * `sqlite:` files relative to the workspace root; `DRLWB_STORE` overrides
 * the URL). Every route and the prediction log reach it through `get()`;
 * it is opened at start (`open()` in startServer), or on first use, and
 * closed when the server drains. A failed open is not remembered: the next
 * `get()` tries again, so a store that was down at start is used once it is
 * back, and the routes that do not need it keep working meanwhile.
 */
export interface ServerStore {
  /** The configuration's `store` section (limits of run queries, prediction log, retention). */
  readonly config: StoreSpec;
  /**
   * The store's URL in force (`store.url`, or DRLWB_STORE as this store read
   * it): what job workers open. Server-side only: it may hold a password.
   */
  readonly url: string;
  /** The open store, opening it when needed; rejects (UserError) when it cannot be opened. */
  get(): Promise<TrackingStore>;
  /** The store when it is open now, without trying to open it (readiness, metrics). */
  current(): TrackingStore | undefined;
  /** Closes the store if open; later `get()` calls reject. */
  close(): Promise<void>;
}

export function serverStore(
  config: ServerConfig,
  workspace: WorkspaceDirs,
  env: NodeJS.ProcessEnv = process.env,
): ServerStore {
  let opening: Promise<TrackingStore> | undefined;
  let open: TrackingStore | undefined;
  let closed = false;
  return {
    config: config.store,
    url: storeUrl(config.store.url, env),
    get() {
      if (closed) return Promise.reject(new Error("the server's store is closed"));
      if (opening === undefined) {
        opening = openStore({ config: config.store, baseDir: workspace.root, env }).then(
          (store) => {
            if (closed) {
              void store.close();
              throw new Error("the server's store is closed");
            }
            open = store;
            return store;
          },
          (error: unknown) => {
            opening = undefined;
            throw error;
          },
        );
      }
      return opening;
    },
    current: () => open,
    async close() {
      closed = true;
      const store = open;
      open = undefined;
      if (store !== undefined) await store.close();
      else await opening?.then((s) => s.close()).catch(() => {});
    },
  };
}
