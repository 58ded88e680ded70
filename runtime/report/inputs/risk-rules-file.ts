import { existsSync } from "node:fs";
import { join } from "node:path";
import { readJsonStateFile } from "../../core/state-file.js";

/** Where the risk stage writes its document (runtime/risk/stage.ts) inside a run folder. */
export const RISK_DOCUMENT_FILE = join("stages", "risk", "risk.json");

/**
 * The types of the risk rules a run's backtest applied, from its risk.json
 * (in spec order); an empty list when the run has no risk stage.
 */
export function readRiskRuleTypes(runDir: string): string[] {
  const file = join(runDir, RISK_DOCUMENT_FILE);
  if (!existsSync(file)) return [];
  const doc = readJsonStateFile(file, RISK_DOCUMENT_FILE);
  const rules =
    typeof doc === "object" && doc !== null && "rules" in doc && Array.isArray(doc.rules)
      ? (doc.rules as unknown[])
      : [];
  return rules.flatMap((r) =>
    typeof r === "object" && r !== null && "type" in r && typeof r.type === "string"
      ? [r.type]
      : [],
  );
}
