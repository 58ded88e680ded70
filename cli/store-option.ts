/**
 * The tracking store as the CLI finds it: `--store <url>`, else `DRLWB_STORE`,
 * else the schema's default (`sqlite:drlwb.db`), a `sqlite:` file relative to
 * the current folder.
 */
import { cliMessages } from "../runtime/messages/cli.js";
import { DEFAULT_RUNS_DIR } from "../runtime/run/runs.js";
import {
  type OpenStoreOptions,
  openStore,
  type TrackingStore,
} from "../runtime/store/open-store.js";
import { lazyRunIndex, type OwnedRunIndex } from "../runtime/store/runs-index.js";
import { resolveStoreConfig } from "../runtime/store/store-config.js";
import { parseStoreLocation, storeUrl } from "../runtime/store/store-location.js";

export const STORE_OPTION_HELP = cliMessages.storeOptionHelp();

/**
 * How to open the CLI's store. A location that is not valid (`--store foo`)
 * is a UserError now, before any work; opening (which may fail on a store
 * that is down or damaged) is left to the caller.
 */
export function cliStoreOptions(flag: string | undefined): OpenStoreOptions {
  const config = resolveStoreConfig(flag === undefined ? {} : { url: flag });
  // `--store` wins over DRLWB_STORE: the environment is only consulted without it.
  const env: NodeJS.ProcessEnv = flag === undefined ? process.env : {};
  const baseDir = process.cwd();
  parseStoreLocation(storeUrl(config.url, env), baseDir);
  return { config, baseDir, env };
}

export function openCliStore(
  flag: string | undefined,
  options: { readonly migrate?: boolean } = {},
): Promise<TrackingStore> {
  return openStore({ ...cliStoreOptions(flag), ...options });
}

/**
 * The runs index a CLI run writes to: the store opened on the run's first
 * status change, `run_dir` relative to `runsRoot` (the folder holding the
 * run: `--out`, default `runs`). Close it when the run returns.
 */
export function cliRunIndex(
  flag: string | undefined,
  runsRoot: string = DEFAULT_RUNS_DIR,
): OwnedRunIndex {
  const options = cliStoreOptions(flag);
  return lazyRunIndex(() => openStore(options), runsRoot);
}
