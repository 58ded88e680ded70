/** The sections of a tear sheet, in the order they appear; `report.sections` selects among them. */
export const REPORT_SECTIONS = [
  "kpis",
  "alerts",
  "equity",
  "price",
  "drawdown",
  "allocations",
  "monthly_returns",
  "yearly_returns",
  "rolling",
  "return_distribution",
  "statistics",
  "trades",
  "regimes",
  "risk_events",
  "scenarios",
  "correlation",
  "training",
  "data_quality",
  "risk_event_log",
  "provenance",
] as const;

export type ReportSectionName = (typeof REPORT_SECTIONS)[number];
