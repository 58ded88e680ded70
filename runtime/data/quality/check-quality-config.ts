/**
 * The `data.quality` rules that need no data, checked when the plan is
 * compiled (so `drlwb validate` reports them): a repair method the check
 * offers, and no `warn` for the structural checks (unsorted, duplicates),
 * whose rows must be sorted and unique to build a panel.
 */
import type { Diagnostic } from "../../core/errors.js";
import { specDiagnostic } from "../../core/spec-error.js";
import type { SpecLocation } from "../../core/spec-location.js";
import { dataMessages } from "../../messages/data.js";
import {
  QUALITY_CHECKS,
  QUALITY_REPAIRS,
  type QualityConfig,
  resolveCheck,
} from "./quality-config.js";

/** Checks whose rows must be sorted and unique: `warn` cannot let problems through. */
export const STRUCTURAL_CHECKS: ReadonlySet<string> = new Set(["unsorted", "duplicates"]);

/** One diagnostic per unusable setting; `loc` is the `data.quality` section. */
export function checkQualityConfig(
  config: QualityConfig | undefined,
  loc: SpecLocation,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const check of QUALITY_CHECKS) {
    const setting = config?.[check];
    if (setting === undefined) continue;
    const policy = resolveCheck(config, check);
    const valid = QUALITY_REPAIRS[check];
    if (policy.action === "repair" && !valid.includes(policy.method ?? "")) {
      out.push(
        specDiagnostic(
          loc.at(`/${check}/repair`),
          dataMessages.qualityRepairUnavailable(check, policy.method ?? ""),
          dataMessages.qualityRepairHint(valid),
        ),
      );
    }
    if (policy.action === "warn" && STRUCTURAL_CHECKS.has(check)) {
      out.push(
        specDiagnostic(
          loc.at(typeof setting === "string" ? `/${check}` : `/${check}/action`),
          dataMessages.qualityWarnCannotContinue(check),
          dataMessages.qualityStructuralHint(check, QUALITY_REPAIRS[check]),
        ),
      );
    }
  }
  return out;
}
