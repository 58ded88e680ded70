import type { ReportSectionName } from "../section-names.js";
import {
  correlationSection,
  regimesSection,
  scenariosSection,
  trainingSection,
} from "./analysis.js";
import {
  drawdownSection,
  equitySection,
  monthlyReturnsSection,
  returnDistributionSection,
  rollingSection,
  yearlyReturnsSection,
} from "./performance.js";
import { provenanceSection } from "./provenance.js";
import type { SectionBuilder } from "./section-plan.js";
import {
  alertsSection,
  dataQualitySection,
  kpisSection,
  riskEventsSection,
  statisticsSection,
  tradesSection,
} from "./tables.js";

export type { SectionBuilder, SectionOptions, SectionPlan } from "./section-plan.js";

/** Every section's builder by name; the order of REPORT_SECTIONS is the page order. */
export function sectionBuilders(): Record<ReportSectionName, SectionBuilder> {
  return {
    kpis: kpisSection,
    alerts: alertsSection,
    equity: equitySection,
    drawdown: drawdownSection,
    monthly_returns: monthlyReturnsSection,
    yearly_returns: yearlyReturnsSection,
    rolling: rollingSection,
    return_distribution: returnDistributionSection,
    statistics: statisticsSection,
    trades: tradesSection,
    regimes: regimesSection,
    risk_events: riskEventsSection,
    scenarios: scenariosSection,
    correlation: correlationSection,
    training: trainingSection,
    data_quality: dataQualitySection,
    provenance: provenanceSection,
  };
}
