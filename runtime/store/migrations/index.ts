import type { Migration } from "kysely/migration";
import type { StoreDialect } from "../dialect.js";
import { runsMigration } from "./0001-runs.js";
import { studiesMigration } from "./0002-studies.js";
import { predictionsMigration } from "./0003-predictions.js";
import { tradingMigration } from "./0004-trading.js";
import { alertsAuditMigration } from "./0005-alerts-audit.js";
import { registryMigration } from "./0006-registry.js";
import { registryOrderMigration } from "./0007-registry-order.js";

/**
 * The store's migration history, oldest first. Names sort in order and are
 * never renamed or edited once released: a change to the schema is a new
 * entry at the end (an old database upgrades by running what it lacks).
 */
export const STORE_MIGRATIONS: readonly (readonly [string, (d: StoreDialect) => Migration])[] = [
  ["0001-runs", runsMigration],
  ["0002-studies", studiesMigration],
  ["0003-predictions", predictionsMigration],
  ["0004-trading", tradingMigration],
  ["0005-alerts-audit", alertsAuditMigration],
  ["0006-registry", registryMigration],
  ["0007-registry-order", registryOrderMigration],
];

/** The migrations for a dialect, up to and including `until` (all when omitted). */
export function storeMigrations(dialect: StoreDialect, until?: string): Record<string, Migration> {
  const out: Record<string, Migration> = Object.create(null) as Record<string, Migration>;
  for (const [name, make] of STORE_MIGRATIONS) {
    out[name] = make(dialect);
    if (name === until) break;
  }
  return out;
}
