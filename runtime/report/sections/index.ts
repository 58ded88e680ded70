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
import { allocationsSection, priceSection } from "./positions.js";
import { provenanceSection } from "./provenance.js";
import type { SectionBuilder } from "./section-plan.js";
import { kpisSection } from "./headline.js";
import { riskEventLogSection, riskEventsSection } from "./risk-events.js";
import { statisticsSection } from "./statistics.js";
import { alertsSection, dataQualitySection, tradesSection } from "./tables.js";

export type { SectionBuilder, SectionOptions, SectionPlan } from "./section-plan.js";

/** Every section's builder by name; the order of REPORT_SECTIONS is the page order. */
export function sectionBuilders(): Record<ReportSectionName, SectionBuilder> {
  return {
    kpis: kpisSection,
    alerts: alertsSection,
    equity: equitySection,
    price: priceSection,
    drawdown: drawdownSection,
    allocations: allocationsSection,
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
    risk_event_log: riskEventLogSection,
    provenance: provenanceSection,
  };
}
