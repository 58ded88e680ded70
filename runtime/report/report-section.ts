import type { SecretString } from "../spec/secret-ref.js";
import type { KpiDefinition } from "./kpi/evaluate.js";
import type { ReportSectionName } from "./section-names.js";

/**
 * The `report:` section of a spec as validated by schemas/report.schema.json
 * (snake_case keys as written in YAML). Secrets are still references (SecretRef
 * after normalization, or `${env:…}` text), resolved only when a message is sent.
 */
export interface ReportSection {
  readonly html?: boolean;
  readonly pdf?: boolean;
  readonly title?: string;
  readonly log_scale?: boolean;
  readonly sections?: readonly ReportSectionName[];
  readonly headline?: readonly string[];
  readonly max_trades?: number;
  readonly kpis?: readonly KpiDefinition[];
  readonly notifications?: NotificationsSection;
}

export interface NotificationsSection {
  /** Which events are sent (default both). */
  readonly on?: readonly ("report_ready" | "alert")[];
  readonly slack?: { readonly webhook_url: SecretString };
  readonly discord?: { readonly webhook_url: SecretString };
  readonly email?: EmailSection;
}

export interface EmailSection {
  readonly host: string;
  readonly port?: number;
  readonly secure?: boolean;
  readonly require_tls?: boolean;
  readonly user?: SecretString;
  readonly password?: SecretString;
  readonly from: string;
  readonly to: readonly string[];
  readonly attach_report?: boolean;
}

/** Defaults of the report section (the schema's `default`s). */
export const REPORT_DEFAULTS = {
  html: true,
  pdf: false,
  log_scale: false,
  max_trades: 200,
} as const;
