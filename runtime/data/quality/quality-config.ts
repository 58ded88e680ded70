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
] as const;
export type QualityCheck = (typeof QUALITY_CHECKS)[number];

/** Repair methods each check accepts (`repair: <method>`). */
export const QUALITY_REPAIRS: Readonly<Record<QualityCheck, readonly string[]>> = {
  mixed_offsets: ["to_utc"],
  unsorted: ["sort"],
  duplicates: ["keep_first", "keep_last"],
  nan: ["ffill", "drop"],
  non_positive: ["drop"],
  ohlc: ["clip", "drop"],
  stale: ["drop"],
  outliers: ["drop"],
  gaps: [],
};

/**
 * One check's setting in the spec: `fail`, `warn`, or an object with
 * `action: fail | warn` or `repair: <method>`, plus the check's parameters.
 */
export type QualityCheckSetting =
  | "fail"
  | "warn"
  | {
      readonly action?: "fail" | "warn";
      readonly repair?: string;
      /** outliers: robust z-score above which a return is an outlier (default 10). */
      readonly threshold?: number;
      /** stale: bars in a row with identical OHLCV that count as stale (default 2; 5 for closes-only data). */
      readonly min_run?: number;
      /** gaps: missing calendar bars tolerated between two bars (default 3 business days; 0 otherwise). */
      readonly max_missing?: number;
    };

export type QualityConfig = Partial<Record<QualityCheck, QualityCheckSetting>>;

/** A check's resolved policy. */
export interface ResolvedCheck {
  readonly action: "fail" | "warn" | "repair";
  readonly method?: string;
  readonly threshold?: number;
  readonly minRun?: number;
  readonly maxMissing?: number;
}

/** Defaults: mixed UTC offsets, structural problems and NaN/non-positive prices fail; the rest warn. */
export const DEFAULT_QUALITY_ACTIONS: Readonly<Record<QualityCheck, "fail" | "warn">> = {
  mixed_offsets: "fail",
  unsorted: "fail",
  duplicates: "fail",
  nan: "fail",
  non_positive: "fail",
  ohlc: "warn",
  stale: "warn",
  outliers: "warn",
  gaps: "warn",
};

export function resolveCheck(
  config: QualityConfig | undefined,
  check: QualityCheck,
): ResolvedCheck {
  const setting = config?.[check];
  if (setting === undefined) return { action: DEFAULT_QUALITY_ACTIONS[check] };
  if (setting === "fail" || setting === "warn") return { action: setting };
  const params = {
    ...(setting.threshold !== undefined ? { threshold: setting.threshold } : {}),
    ...(setting.min_run !== undefined ? { minRun: setting.min_run } : {}),
    ...(setting.max_missing !== undefined ? { maxMissing: setting.max_missing } : {}),
  };
  if (setting.repair !== undefined) return { action: "repair", method: setting.repair, ...params };
  return { action: setting.action ?? DEFAULT_QUALITY_ACTIONS[check], ...params };
}
