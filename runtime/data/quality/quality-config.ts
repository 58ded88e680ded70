/**
 * The `data.quality` settings as the monitor runs them. Each check's accepted
 * settings, repair methods, parameters and default action are in its schema
 * (schemas/data.schema.json `$defs/quality_<check>`), so a normalized spec
 * holds every check with its defaults filled; this module only maps one
 * check's setting to the policy its implementation reads.
 */
import { defaultLoader } from "../../spec/default-loader.js";
import { schemaAddress } from "../../spec/resolve-value.js";
import { walkSchema } from "../../spec/schema-walk.js";
import type { DataSpec, SpecSchemas } from "../../spec/types.generated.js";

/** The quality checks, in the order the monitor runs them. */
export const QUALITY_CHECKS = [
  "mixed_offsets",
  "unsorted",
  "duplicates",
  "nan",
  "non_positive",
  "ohlc",
  "stale",
  "outliers",
  "gaps",
] as const satisfies readonly (keyof DataSpec["quality"])[];
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** The normalized `data.quality` section: every check's setting, defaults filled. */
export type QualitySettings = DataSpec["quality"];

/** One check's setting: its action (`fail`/`warn`) or an object with `action`/`repair` and parameters. */
export type QualitySetting = QualitySettings[QualityCheck];

/** A check's resolved policy. */
export interface ResolvedCheck {
  readonly action: "fail" | "warn" | "repair";
  readonly method?: string;
  readonly threshold?: number;
  readonly minRun?: number;
  readonly maxMissing?: number;
}

/**
 * The policy of `check` for its `setting`. A bare action (`outliers: warn`)
 * reads as `{ action: warn }`; the object form is walked through the check's
 * schema, so its parameter defaults (outliers' threshold) come from the
 * schema also for a setting that was not normalized (a library caller's
 * `{ action: warn }`); `repair` wins over `action`. Parameters whose default
 * depends on the data (stale's min_run, gaps' max_missing) stay unset here
 * and are computed by the check.
 */
export function resolveCheck(check: QualityCheck, setting: QualitySetting): ResolvedCheck {
  const form = objectForm(check, typeof setting === "string" ? { action: setting } : setting);
  if (typeof form === "string") return { action: form };
  const params = {
    ...("threshold" in form ? { threshold: form.threshold } : {}),
    ...("min_run" in form && form.min_run !== undefined ? { minRun: form.min_run } : {}),
    ...("max_missing" in form && form.max_missing !== undefined
      ? { maxMissing: form.max_missing }
      : {}),
  };
  if ("repair" in form && form.repair !== undefined)
    return { action: "repair", method: form.repair, ...params };
  return { action: form.action, ...params };
}

/** The object form with the defaults of the check's schema filled (as is if the schema refuses it). */
function objectForm(check: QualityCheck, form: object): QualitySetting {
  const name: keyof SpecSchemas = `data/quality_${check}`;
  const { resource, pointer } = schemaAddress(name);
  // The walk fills the defaults of the object branch the form matches; it matches none for
  // an action the check refuses (unsorted: warn from an unvalidated library value): kept as is.
  const filled = walkSchema(defaultLoader().schemas, resource, form, pointer).data;
  return filled as QualitySetting;
}
